import type { Locale } from '../platform/i18n';
import { japanDateTime } from '../platform/i18n/dates';
import type { EmailContent } from '../platform/mail/render';

export function suspendedMail(
  locale: Locale,
  d: { name: string; reason: string; endsAt: Date | null; appealUrl: string },
): EmailContent {
  return locale === 'ja'
    ? {
        subject: '【技市】アカウントの利用を停止しました',
        greeting: `${d.name} 様`,
        paragraphs: [
          '利用規約に基づき、あなたのアカウントの利用を停止しました。ログイン・取引・メッセージはできません。プロフィールと出品は表示されなくなりました。',
          `理由：${d.reason}`,
          d.endsAt
            ? `停止期間：${japanDateTime('ja', d.endsAt)} まで（期間が終わると自動で元に戻ります）`
            : '停止期間：期限なし',
          `この判断に異議がある場合は、お問い合わせフォームの「アカウント停止への異議」からお知らせください：${d.appealUrl}`,
        ],
        footnotes: ['停止中に退会しても、同じメールアドレス・電話番号・SNSアカウントでの新規登録はできません。'],
      }
    : {
        subject: '[Wazaichi] Your account has been suspended',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          'Under the terms of use we have suspended your account. You cannot log in, trade or send messages. Your profile and services are no longer shown.',
          `Reason: ${d.reason}`,
          d.endsAt ? `Until: ${japanDateTime('en', d.endsAt)} (it is lifted automatically then)` : 'Until: no end date',
          `If you disagree, tell us through the contact form under "Appeal against a suspension": ${d.appealUrl}`,
        ],
        footnotes: [
          'Leaving while suspended does not allow signing up again with the same email address, phone number or SNS account.',
        ],
      };
}

export function suspensionLiftedMail(locale: Locale, d: { name: string; loginUrl: string }): EmailContent {
  return locale === 'ja'
    ? {
        subject: '【技市】アカウントの利用停止を解除しました',
        greeting: `${d.name} 様`,
        paragraphs: [
          'アカウントの利用停止を解除しました。プロフィールと出品は停止前の状態に戻りました。',
          `ログイン：${d.loginUrl}`,
        ],
        footnotes: [],
      }
    : {
        subject: '[Wazaichi] Your account suspension has been lifted',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          'Your account is no longer suspended. Your profile and services are back as they were before.',
          `Log in: ${d.loginUrl}`,
        ],
        footnotes: [],
      };
}
