import type { Locale } from '../platform/i18n';
import { japanDateTime } from '../platform/i18n/dates';
import type { EmailContent } from '../platform/mail/render';

export const orderEvents = [
  'purchased',
  'delivered',
  'completed',
  'autoCompleted',
  'cancelRequested',
  'cancelWithdrawn',
  'cancelled',
  'disputed',
  'resumed',
  'newMessage',
  'sentBack',
  'tipped',
] as const;
export type OrderEvent = (typeof orderEvents)[number];

const sentences: Record<Locale, Record<OrderEvent, (title: string) => string>> = {
  ja: {
    purchased: (title) => `「${title}」が購入されました。取引メッセージで購入者と連絡を取り、作業を始めてください。`,
    delivered: (title) => `「${title}」の納品がありました。内容を確認して、問題がなければ承認してください。`,
    completed: (title) => `「${title}」の取引が完了しました。お相手の評価をお願いします。`,
    autoCompleted: (title) => `「${title}」は納品から一定期間が過ぎたため、自動で承認され取引が完了しました。`,
    cancelRequested: (title) =>
      `「${title}」について、お相手からキャンセルの申し出がありました。取引画面で同意するか、メッセージで相談してください。`,
    cancelWithdrawn: (title) => `「${title}」のキャンセルの申し出は取り下げられました。取引は続いています。`,
    cancelled: (title) => `「${title}」の取引はキャンセルされました。支払われた代金とポイントは返金されます。`,
    disputed: (title) => `「${title}」についてトラブル報告がありました。運営が確認するまで取引は一時停止します。`,
    resumed: (title) => `「${title}」の取引は運営の確認を経て再開しました。`,
    newMessage: (title) => `「${title}」に新しいメッセージが届きました。`,
    sentBack: (title) => `「${title}」の納品が差し戻されました。取引画面で理由を確認し、あらためて納品してください。`,
    tipped: (title) => `「${title}」の購入者からおひねりが贈られました。取引の完了時に売上金になります。`,
  },
  en: {
    purchased: (title) => `"${title}" was purchased. Contact the buyer in the order messages and start the work.`,
    delivered: (title) => `"${title}" has been delivered. Check it, and approve it if all is well.`,
    completed: (title) => `The order "${title}" is complete. Please leave a review.`,
    autoCompleted: (title) =>
      `"${title}" was approved automatically because the review period after delivery ended. The order is complete.`,
    cancelRequested: (title) =>
      `The other party asked to cancel "${title}". Agree on the order page, or discuss it in the messages.`,
    cancelWithdrawn: (title) => `The request to cancel "${title}" was withdrawn. The order continues.`,
    cancelled: (title) => `The order "${title}" was cancelled. The payment and any points used are refunded.`,
    disputed: (title) =>
      `A problem was reported for "${title}". The order is paused until our staff have looked at it.`,
    resumed: (title) => `After review by our staff, the order "${title}" continues.`,
    newMessage: (title) => `You have a new message about "${title}".`,
    sentBack: (title) =>
      `The delivery of "${title}" was sent back. Read the reason on the order page and deliver again.`,
    tipped: (title) => `The buyer of "${title}" sent you a tip. It reaches your sales when the order completes.`,
  },
};

/** One mail for every order event: what happened, and the link to the order room. */
export function orderEventMail(
  locale: Locale,
  d: { name: string; title: string; event: OrderEvent; url: string },
): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${sentences.ja[d.event](d.title).split('。')[0]}`,
        greeting: `${d.name} 様`,
        paragraphs: [sentences.ja[d.event](d.title)],
        action: { label: '取引画面を開く', url: d.url },
        footnotes: ['メッセージの内容はメールには載せていません。サイトにログインしてご確認ください。'],
      }
    : {
        subject: `[Wazaichi] ${sentences.en[d.event](d.title).split('. ')[0]}`,
        greeting: `Dear ${d.name},`,
        paragraphs: [sentences.en[d.event](d.title)],
        action: { label: 'Open the order', url: d.url },
        footnotes: ['We do not put message contents in email. Please log in to read them.'],
      };
}

export function payoutAccountChangedMail(
  locale: Locale,
  d: { name: string; when: Date; last4: string; payoutsUrl: string },
): EmailContent {
  return locale === 'ja'
    ? {
        subject: '【技市】振込先口座を登録・変更しました',
        greeting: `${d.name} 様`,
        paragraphs: [
          `${japanDateTime('ja', d.when)}に、売上金の振込先口座を登録・変更しました（口座番号の末尾：${d.last4}）。`,
          `確認：${d.payoutsUrl}`,
        ],
        footnotes: ['心当たりがない場合は、すぐにパスワードを変更し、ヘルプからお問い合わせください。'],
      }
    : {
        subject: '[Wazaichi] Your payout bank account was set or changed',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `On ${japanDateTime('en', d.when)} the bank account for your payouts was set or changed (account number ending ${d.last4}).`,
          `Check it: ${d.payoutsUrl}`,
        ],
        footnotes: ['If this was not you, change your password at once and contact us through the help page.'],
      };
}

/** 振込: the seller hears when an operator has sent a payout, or rejected it and put the amount back in the sales balance. */
export function payoutDecidedMail(
  locale: Locale,
  d: {
    name: string;
    decision: 'paid' | 'rejected';
    amountYen: number;
    feeYen: number;
    payoutsUrl: string;
    /** Set for a member who has left: they cannot log in, so they are told to write to support instead. */
    departedSupportUrl?: string;
  },
): EmailContent {
  if (d.departedSupportUrl) {
    const { name, decision, amountYen } = d;
    return departedPayoutMail(locale, { name, decision, amountYen, supportUrl: d.departedSupportUrl });
  }
  const ja = (n: number) => `${n.toLocaleString('ja-JP')}円`;
  const en = (n: number) => `¥${n.toLocaleString('en-US')}`;
  if (locale === 'ja') {
    return d.decision === 'paid'
      ? {
          subject: '【技市】売上金を振り込みました',
          greeting: `${d.name} 様`,
          paragraphs: [
            `振込申請いただいた${ja(d.amountYen)}から振込手数料${ja(d.feeYen)}を差し引いた${ja(d.amountYen - d.feeYen)}を、登録の振込先口座へ振り込みました。`,
          ],
          action: { label: '振込の履歴を見る', url: d.payoutsUrl },
          footnotes: ['着金まで金融機関により数日かかることがあります。'],
        }
      : {
          subject: '【技市】振込申請をお受けできませんでした',
          greeting: `${d.name} 様`,
          paragraphs: [
            `振込申請（${ja(d.amountYen)}）はお受けできませんでした。申請額は売上金の残高に戻しています。`,
            '振込先口座の内容をご確認のうえ、あらためて申請してください。',
          ],
          action: { label: '振込申請の画面を開く', url: d.payoutsUrl },
          footnotes: ['ご不明な点はヘルプからお問い合わせください。'],
        };
  }
  return d.decision === 'paid'
    ? {
        subject: '[Wazaichi] Your payout has been sent',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `We have sent ${en(d.amountYen - d.feeYen)} (your request of ${en(d.amountYen)} minus the ${en(d.feeYen)} transfer fee) to your payout bank account.`,
        ],
        action: { label: 'See your payouts', url: d.payoutsUrl },
        footnotes: ['Depending on the bank, the money may take a few days to arrive.'],
      }
    : {
        subject: '[Wazaichi] Your payout request was not accepted',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `Your payout request of ${en(d.amountYen)} was not accepted. The amount is back in your sales balance.`,
          'Please check your payout bank account and request again.',
        ],
        action: { label: 'Open payouts', url: d.payoutsUrl },
        footnotes: ['If anything is unclear, contact us through the help page.'],
      };
}

function departedPayoutMail(
  locale: Locale,
  d: { name: string; decision: 'paid' | 'rejected'; amountYen: number; supportUrl: string },
): EmailContent {
  if (locale === 'ja') {
    const yen = `${d.amountYen.toLocaleString('ja-JP')}円`;
    return d.decision === 'paid'
      ? {
          subject: '【技市】退会時の売上金を振り込みました',
          greeting: `${d.name} 様`,
          paragraphs: [`退会時の売上金${yen}を、振込手数料なしでお知らせいただいた口座へ振り込みました。`],
          footnotes: ['着金まで金融機関により数日かかることがあります。振込先口座の情報は削除しました。'],
        }
      : {
          subject: '【技市】退会時の売上金を振り込めませんでした',
          greeting: `${d.name} 様`,
          paragraphs: [
            `退会時の売上金${yen}の振込を、金融機関がお受けしませんでした。売上金はお支払いするまで技市でお預かりしています。`,
            'お手数ですが、お問い合わせフォーム（ログインは不要です）から、正しい振込先口座（金融機関コード・支店コード・口座種別・口座番号・口座名義カナ）をお知らせください。確認のうえ、手数料なしで振り込みます。',
          ],
          action: { label: 'お問い合わせフォームを開く', url: d.supportUrl },
          footnotes: ['このメールへの返信では口座をお知らせにならないでください。'],
        };
  }
  const yen = `¥${d.amountYen.toLocaleString('en-US')}`;
  return d.decision === 'paid'
    ? {
        subject: '[Wazaichi] Your balance from leaving has been sent',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `We have sent your remaining balance of ${yen}, with no transfer fee, to the account you gave us.`,
        ],
        footnotes: [
          'Depending on the bank, the money may take a few days to arrive. We have deleted the bank details.',
        ],
      }
    : {
        subject: '[Wazaichi] We could not send your balance from leaving',
        greeting: `Dear ${d.name},`,
        paragraphs: [
          `The bank did not accept the transfer of your remaining balance of ${yen}. We keep it for you until it is paid.`,
          'Please tell us the right bank account (bank code, branch code, account type, number and holder name in katakana) through the contact form (no login needed). We will then send it with no transfer fee.',
        ],
        action: { label: 'Open the contact form', url: d.supportUrl },
        footnotes: ['Please do not send bank details by replying to this mail.'],
      };
}
