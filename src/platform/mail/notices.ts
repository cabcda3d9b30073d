import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { hashToken, randomToken } from '../tokens';
import type { Locale } from '../i18n';
import { isOptionalKind, mailKind, type OptionalMailKind } from './kinds';
import { mailSettings, mailStopTokens, notifications } from './noticeSchema';

/** Whether the member turned this kind of mail off in メール設定. */
export async function mailKindOff(tx: Tx, memberId: string, kind: OptionalMailKind): Promise<boolean> {
  const [row] = await tx.select().from(mailSettings).where(eq(mailSettings.memberId, memberId));
  return row ? !row[kind] : false;
}

const stopLine: Record<Locale, (url: string) => string> = {
  ja: (url) => `この種類のお知らせメールを止めるには（ログイン不要・1回で止まります）: ${url}\nメール設定: `,
  en: (url) => `To stop this kind of email (no login needed, one click): ${url}\nEmail settings: `,
};

/**
 * What goes with a member's mail, in the same transaction: the お知らせ (always), and for an optional
 * kind whether to send at all and the stop link (a fresh single-use token for that kind only).
 */
export async function noticeForMail(
  tx: Tx,
  baseUrl: string,
  mail: { memberId: string; template: string; locale: Locale; subject: string; url: string | null },
  now: Date,
): Promise<{ send: boolean; stopUrl: string | null; footnote: string | null }> {
  await tx
    .insert(notifications)
    .values({ memberId: mail.memberId, template: mail.template, title: mail.subject, url: mail.url, createdAt: now });
  const kind = mailKind(mail.template);
  if (!isOptionalKind(kind)) return { send: true, stopUrl: null, footnote: null };
  if (await mailKindOff(tx, mail.memberId, kind)) return { send: false, stopUrl: null, footnote: null };
  const token = randomToken();
  await tx
    .insert(mailStopTokens)
    .values({ tokenHash: hashToken(token), memberId: mail.memberId, kind, createdAt: now });
  const stopUrl = `${baseUrl}/mail/stop/${token}`;
  return { send: true, stopUrl, footnote: `${stopLine[mail.locale](stopUrl)}${baseUrl}/settings/notifications` };
}

/** Turns kinds on or off for a member (one row per member, written whole or merged). */
export async function saveMailSettings(
  tx: Tx,
  memberId: string,
  choices: Partial<Record<OptionalMailKind, boolean>>,
  now: Date,
) {
  await tx
    .insert(mailSettings)
    .values({ memberId, ...choices, updatedAt: now })
    .onConflictDoUpdate({ target: mailSettings.memberId, set: { ...choices, updatedAt: now } });
}

/** Uses a stop link: turns that kind off, once. Returns the kind, or null when the link is unknown or used. */
export async function useStopToken(tx: Tx, token: string, now: Date): Promise<OptionalMailKind | null> {
  const [used] = await tx
    .update(mailStopTokens)
    .set({ usedAt: now })
    .where(and(eq(mailStopTokens.tokenHash, hashToken(token)), isNull(mailStopTokens.usedAt)))
    .returning();
  if (!used || !isOptionalKind(used.kind as OptionalMailKind)) return null;
  const kind = used.kind as OptionalMailKind;
  await saveMailSettings(tx, used.memberId, { [kind]: false }, now);
  return kind;
}
