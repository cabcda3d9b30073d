import type { Locale } from '../platform/i18n';
import { japanDate } from '../platform/i18n/dates';
import type { EmailContent } from '../platform/mail/render';

type Kind = 'disclosure' | 'correction' | 'suspension_of_use' | 'deletion';
const kindNames: Record<Locale, Record<Kind, string>> = {
  ja: { disclosure: '開示', correction: '訂正', suspension_of_use: '利用停止', deletion: '消去' },
  en: {
    disclosure: 'disclosure',
    correction: 'correction',
    suspension_of_use: 'suspension of use',
    deletion: 'deletion',
  },
};

/** 受付: sent in the transaction that records the request, so none is recorded without the requester hearing of it. */
export function privacyRequestReceivedMail(
  locale: Locale,
  d: { name: string; kind: Kind; receivedAt: Date; answerBy: Date },
): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${kindNames.ja[d.kind]}のご請求を受け付けました`,
        greeting: `${d.name} 様`,
        paragraphs: [
          `${japanDate('ja', d.receivedAt)}に、あなたの個人データの${kindNames.ja[d.kind]}のご請求を受け付けました。`,
          `遅滞なく対応し、${japanDate('ja', d.answerBy)}までにこのアドレスへご回答します。`,
        ],
        footnotes: ['心当たりがない場合は、このメールに返信せず、ヘルプからお問い合わせください。'],
      }
    : {
        subject: `[Wazaichi] We received your request for ${kindNames.en[d.kind]}`,
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `On ${japanDate('en', d.receivedAt)} we received your request for ${kindNames.en[d.kind]} of your personal data.`,
          `We will deal with it without delay and answer to this address by ${japanDate('en', d.answerBy)}.`,
        ],
        footnotes: ['If you did not make this request, do not reply: contact us through the help page.'],
      };
}

/** The operator's answer to a request, as written in the console. */
export function privacyRequestReplyMail(locale: Locale, d: { name: string; kind: Kind; body: string }): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${kindNames.ja[d.kind]}のご請求へのご回答`,
        greeting: `${d.name} 様`,
        paragraphs: [`個人データの${kindNames.ja[d.kind]}のご請求について、次のとおりご回答します。`, d.body],
      }
    : {
        subject: `[Wazaichi] Our answer to your request for ${kindNames.en[d.kind]}`,
        greeting: `Dear ${d.name},`,
        paragraphs: [`Here is our answer to your request for ${kindNames.en[d.kind]} of your personal data.`, d.body],
      };
}
