import { defineMail } from '../platform/mail/render';
import { japanDateTime } from '../platform/i18n/dates';
import type { KeptLine } from '../retention/memberDates';
import { keptMailLine } from './keptWords';

type Done = { name: string; when: Date; baseUrl: string; kept: KeptLine[]; payoutYen: number };

/** 退会完了: the member's own dates for what is kept, from the same lines the last step showed. */
export const withdrawalCompleteMail = defineMail<Done>({
  ja: (d) => ({
    subject: '【技市】退会手続きが完了しました',
    greeting: `${d.name} 様`,
    paragraphs: [
      `${japanDateTime('ja', d.when)}に、技市の退会手続きが完了しました。これまでご利用いただき、ありがとうございました。`,
      'すべての端末からログアウトし、二段階認証・パスキー・電話番号を削除しました。プロフィールと出品は公開されなくなりました。',
      ...(d.payoutYen > 0
        ? [
            `売上金の残り${d.payoutYen.toLocaleString('ja-JP')}円は、振込手数料なしで、登録の振込先口座へ全額を振り込みます（振込申請として受け付けました）。振込が終わるとメールでお知らせし、その時点で振込先口座を削除します。`,
          ]
        : []),
      '退会後も保存する情報と、その期限（日本時間）：',
      d.kept.map((line) => keptMailLine('ja', line)),
      `保存と削除の流れ：${d.baseUrl}/privacy/retention`,
      `個人情報の開示・訂正・削除のご請求は、ヘルプのお問い合わせからお送りください（このメールアドレスでお問い合わせいただけます）：${d.baseUrl}/help`,
      `また使いたくなったときは、同じメールアドレスで新しく会員登録できます（以前の取引・評価・ポイントは引き継がれません）：${d.baseUrl}/signup`,
    ],
    footnotes: ['この手続きに心当たりがない場合は、すぐにヘルプからお問い合わせください。'],
  }),
  en: (d) => ({
    subject: '[Wazaichi] You have left Wazaichi',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      `On ${japanDateTime('en', d.when)} your account was closed. Thank you for using Wazaichi.`,
      'Every device was logged out, and your two-step verification, passkeys and phone number were deleted. Your profile and services are no longer shown.',
      ...(d.payoutYen > 0
        ? [
            `Your remaining sales of ¥${d.payoutYen.toLocaleString('en-US')} will be transferred in full to your registered bank account, with no transfer fee (a payout request has been made). We email you when it is sent, and delete the bank account then.`,
          ]
        : []),
      'What we keep after you leave, and until when (Japan time):',
      d.kept.map((line) => keptMailLine('en', line)),
      `How long each kind of data is kept: ${d.baseUrl}/privacy/retention`,
      `To ask for disclosure, correction or deletion of your information, contact us through the help page (you can write from this address): ${d.baseUrl}/help`,
      `If you want to come back, you can sign up again with the same address (past orders, reviews and points do not carry over): ${d.baseUrl}/signup`,
    ],
    footnotes: ['If you did not do this, contact us through the help page at once.'],
  }),
});
