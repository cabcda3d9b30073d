import type { Locale } from '../platform/i18n';
import type { EmailContent } from '../platform/mail/render';
import { supportStrings } from './strings';
import type { InquiryCategory } from './schema';

/**
 * The confirmation never repeats what was written: the form takes any address, and an echo would let
 * anyone send their own text from our domain. Members read their message under マイページ.
 */
export function inquiryReceivedMail(
  locale: Locale,
  d: { name: string; reference: string; category: InquiryCategory; threadUrl: string | null },
): EmailContent {
  const category = supportStrings[locale].categories[d.category];
  return locale === 'ja'
    ? {
        subject: `【技市】お問い合わせを受け付けました（${d.reference}）`,
        greeting: `${d.name} 様`,
        paragraphs: [
          `お問い合わせを受け付けました。受付番号：${d.reference}（種類：${category}）`,
          '担当者が確認し、このメールアドレスにお返事します。お心当たりがない場合は、このメールを破棄してください。',
          ...(d.threadUrl ? [`やりとりはマイページでも確認できます：${d.threadUrl}`] : []),
        ],
        footnotes: [
          'このメールは送信専用です。追加のご連絡は、お問い合わせフォームから受付番号を添えてお送りください。',
        ],
      }
    : {
        subject: `[Wazaichi] We have received your message (${d.reference})`,
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `We have received your message. Reference: ${d.reference} (about: ${category})`,
          'Our team will read it and answer to this address. If you did not write to us, please ignore this email.',
          ...(d.threadUrl ? [`You can also follow it on My page: ${d.threadUrl}`] : []),
        ],
        footnotes: [
          'Replies to this email are not read. To add something, use the contact form and give your reference number.',
        ],
      };
}

export function inquiryAnsweredMail(
  locale: Locale,
  d: { name: string; reference: string; body: string; threadUrl: string | null; formUrl: string },
): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】お問い合わせへの回答（${d.reference}）`,
        greeting: `${d.name} 様`,
        paragraphs: [
          `受付番号 ${d.reference} のお問い合わせについて、回答いたします。`,
          d.body,
          d.threadUrl
            ? `マイページで続けてやりとりできます：${d.threadUrl}`
            : `追加のご連絡はお問い合わせフォームから、受付番号を添えてお送りください：${d.formUrl}`,
        ],
        footnotes: ['このメールは送信専用です。'],
      }
    : {
        subject: `[Wazaichi] Our answer to your inquiry (${d.reference})`,
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `About your inquiry ${d.reference}:`,
          d.body,
          d.threadUrl
            ? `You can reply on My page: ${d.threadUrl}`
            : `To add something, use the contact form with your reference number: ${d.formUrl}`,
        ],
        footnotes: ['Replies to this email are not read.'],
      };
}
