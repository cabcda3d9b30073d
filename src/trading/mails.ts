import { eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { Locale } from '../platform/i18n';
import { queueMail } from '../platform/mail/outbox';
import type { EmailContent } from '../platform/mail/render';
import { members } from '../accounts/schema';

export type TradingMailKind =
  'offerSent' | 'offerAccepted' | 'offerDeclined' | 'proposalReceived' | 'proposalChosen' | 'proposalDeclined';

const sentences: Record<Locale, Record<TradingMailKind, (title: string) => string>> = {
  ja: {
    offerSent: (who) => `${who}さんから見積り提案が届きました。内容と金額を確認して、承諾するか辞退してください。`,
    offerAccepted: (who) => `${who}さんが見積り提案を承諾しました。取引が始まりました。`,
    offerDeclined: (who) => `${who}さんは見積り提案を辞退しました。`,
    proposalReceived: (title) => `公開依頼「${title}」に提案が届きました。`,
    proposalChosen: (title) => `公開依頼「${title}」であなたの提案が選ばれ、取引が始まりました。`,
    proposalDeclined: (title) =>
      `公開依頼「${title}」は別の提案が選ばれたため、あなたの提案は見送りとなりました。ご提案ありがとうございました。`,
  },
  en: {
    offerSent: (who) => `${who} sent you a custom offer. Check the scope and price, then accept or decline it.`,
    offerAccepted: (who) => `${who} accepted your custom offer. The order has started.`,
    offerDeclined: (who) => `${who} declined your custom offer.`,
    proposalReceived: (title) => `Your job request "${title}" received a proposal.`,
    proposalChosen: (title) => `Your proposal for the job request "${title}" was chosen. The order has started.`,
    proposalDeclined: (title) =>
      `Another proposal was chosen for the job request "${title}", so yours was not taken. Thank you for proposing.`,
  },
};

function content(locale: Locale, name: string, sentence: string, url: string): EmailContent {
  return locale === 'ja'
    ? {
        subject: `【技市】${sentence.split('。')[0]}`,
        greeting: `${name} 様`,
        paragraphs: [sentence],
        action: { label: '技市で開く', url },
      }
    : {
        subject: `[Wazaichi] ${sentence.split('. ')[0]}`,
        greeting: `Dear ${name},`,
        paragraphs: [sentence],
        action: { label: 'Open in Wazaichi', url },
      };
}

/** One mail about an offer or a job request, through the outbox in the caller's transaction. */
export async function queueTradingMail(
  tx: Tx,
  deps: Deps,
  memberId: string,
  kind: TradingMailKind,
  subject: string,
  path: string,
) {
  const [member] = await tx.select().from(members).where(eq(members.id, memberId));
  // Withdrawn and suspended members get no trading mail.
  if (!member || (member.status !== 'active' && member.status !== 'paused')) return;
  const sentence = sentences[member.locale][kind](subject);
  await queueMail(tx, deps, {
    to: member.email,
    memberId: member.id,
    template: `trading_${kind}`,
    locale: member.locale,
    content: content(member.locale, member.displayName, sentence, `${deps.config.baseUrl}${path}`),
  });
}
