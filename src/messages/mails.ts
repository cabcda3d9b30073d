import type { Locale } from '../platform/i18n';
import type { EmailContent } from '../platform/mail/render';

export function directMessageMail(locale: Locale, d: { name: string; from: string; url: string }): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${d.from}さんからメッセージが届きました`,
        greeting: `${d.name} 様`,
        paragraphs: [`${d.from}さんから見積もり相談のメッセージが届きました。`],
        action: { label: 'メッセージを読む', url: d.url },
        footnotes: ['メッセージの内容はメールには載せていません。サイトにログインしてご確認ください。'],
      }
    : {
        subject: `[Wazaichi] New message from ${d.from}`,
        greeting: `Dear ${d.name},`,
        paragraphs: [`${d.from} sent you a message.`],
        action: { label: 'Read the message', url: d.url },
        footnotes: ['We do not put message contents in email. Please log in to read them.'],
      };
}
