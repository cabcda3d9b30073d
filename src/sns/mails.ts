import type { Locale } from '../platform/i18n';
import { japanDateTime } from '../platform/i18n/dates';
import type { EmailContent } from '../platform/mail/render';

export function snsLinkedMail(
  locale: Locale,
  d: { name: string; provider: string; when: Date; settingsUrl: string },
): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${d.provider}アカウントを連携しました`,
        greeting: `${d.name} 様`,
        paragraphs: [
          `${japanDateTime('ja', d.when)}に、あなたの技市アカウントへ${d.provider}アカウントを連携しました。これからは${d.provider}でもログインできます。`,
          `連携の確認・解除：${d.settingsUrl}`,
        ],
        footnotes: ['心当たりがない場合は、すぐにパスワードを変更し、上のページで連携を解除してください。'],
      }
    : {
        subject: `[Wazaichi] Your ${d.provider} account is now linked`,
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `On ${japanDateTime('en', d.when)} a ${d.provider} account was linked to your Wazaichi account. You can now log in with ${d.provider} too.`,
          `See or remove links: ${d.settingsUrl}`,
        ],
        footnotes: ['If this was not you, change your password at once and remove the link on that page.'],
      };
}

export function snsUnlinkedMail(locale: Locale, d: { name: string; provider: string; when: Date }): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${d.provider}アカウントの連携を解除しました`,
        greeting: `${d.name} 様`,
        paragraphs: [
          `${japanDateTime('ja', d.when)}に、${d.provider}アカウントとの連携を解除しました。${d.provider}ではログインできなくなりました。`,
        ],
        footnotes: ['心当たりがない場合は、すぐにヘルプからお問い合わせください。'],
      }
    : {
        subject: `[Wazaichi] Your ${d.provider} account is no longer linked`,
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `On ${japanDateTime('en', d.when)} the link to your ${d.provider} account was removed. You can no longer log in with ${d.provider}.`,
        ],
        footnotes: ['If this was not you, contact us through the help page at once.'],
      };
}
