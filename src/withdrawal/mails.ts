import type { Locale } from '../platform/i18n';
import type { EmailContent } from '../platform/mail/render';
import { dataCategories } from '../privacy/dataCategories';

/** 退会完了: what was kept and until when comes from the same data categories the privacy page shows. */
export function withdrawalCompleteMail(
  locale: Locale,
  d: { name: string; when: string; baseUrl: string },
): EmailContent {
  const kept = dataCategories.filter((c) => c.keptAfterWithdrawal).map((c) => `・${c.afterWithdrawal[locale]}`);
  return locale === 'ja'
    ? {
        subject: '【技市】退会手続きが完了しました',
        greeting: `${d.name} 様`,
        paragraphs: [
          `${d.when}（協定世界時）に、技市の退会手続きが完了しました。これまでご利用いただき、ありがとうございました。`,
          'すべての端末からログアウトし、二段階認証・パスキー・電話番号を削除しました。プロフィールと出品は公開されなくなりました。',
          `退会後も保存する情報：\n${kept.join('\n')}`,
          `個人情報の開示・訂正・削除のご請求は、ヘルプのお問い合わせからお送りください（このメールアドレスでお問い合わせいただけます）：${d.baseUrl}/help`,
          `また使いたくなったときは、同じメールアドレスで新しく会員登録できます（以前の取引・評価・ポイントは引き継がれません）：${d.baseUrl}/signup`,
        ],
        footnotes: ['この手続きに心当たりがない場合は、すぐにヘルプからお問い合わせください。'],
      }
    : {
        subject: '[Wazaichi] You have left Wazaichi',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `At ${d.when} (UTC) your account was closed. Thank you for using Wazaichi.`,
          'Every device was logged out, and your two-step verification, passkeys and phone number were deleted. Your profile and services are no longer shown.',
          `What we keep after you leave:\n${kept.join('\n')}`,
          `To ask for disclosure, correction or deletion of your information, contact us through the help page (you can write from this address): ${d.baseUrl}/help`,
          `If you want to come back, you can sign up again with the same address (past orders, reviews and points do not carry over): ${d.baseUrl}/signup`,
        ],
        footnotes: ['If you did not do this, contact us through the help page at once.'],
      };
}
