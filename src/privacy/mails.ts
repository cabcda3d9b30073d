import type { Locale } from '../platform/i18n';
import type { EmailContent } from '../platform/mail/render';

/** フォローリクエスト: someone asked to follow a member whose 公開設定 uses "followers only". */
export function followRequestMail(locale: Locale, d: { name: string; from: string; url: string }): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${d.from}さんからフォローリクエストが届きました`,
        greeting: `${d.name} 様`,
        paragraphs: [
          `${d.from}さんから、フォローリクエストが届きました。`,
          '承認すると、公開設定で「フォロワーのみ」にしている情報がこの会員に見えるようになります。承認しない場合は、拒否してください（相手に通知はされません）。',
        ],
        action: { label: 'フォローリクエストを確認する', url: d.url },
        footnotes: ['このメールは、公開設定で「フォロワーのみ」を選んでいる会員にお送りしています。'],
      }
    : {
        subject: `[Wazaichi] ${d.from} asked to follow you`,
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `${d.from} sent you a follow request.`,
          'If you approve it, this member will see what you have set to "Followers only" in your privacy settings. If not, decline it (they are not told).',
        ],
        action: { label: 'See follow requests', url: d.url },
        footnotes: ['We send this mail because you chose "Followers only" in your privacy settings.'],
      };
}
