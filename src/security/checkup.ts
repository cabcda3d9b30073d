import { and, desc, eq, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { DAY } from '../platform/clock';
import { mailMember } from '../platform/mail/mailMember';
import { members, securityEvents } from '../accounts/schema';
import { liveSessions } from './sessions/sessions';
import { privacyOf } from '../privacy/choices';
import { checkupMail } from './mails';
import { passkeysOf } from './factors/passkeys';
import { checkupReminders, passkeys, totpFactors } from './schema';
import { hasSecondFactor, unusedRecoveryCodeCount } from './factors/twoFactor';
import { mailLinks } from '../platform/mail/links';

export type CheckupItem =
  | { key: 'twoFactor'; ok: boolean }
  | { key: 'passkey'; ok: boolean }
  | { key: 'recoveryCodes'; ok: boolean; left: number }
  | { key: 'otherSessions'; ok: boolean; count: number }
  | { key: 'passwordLength'; ok: boolean }
  | { key: 'personalDetails'; ok: boolean };

export type Checkup = { score: number; items: CheckupItem[]; passwordSetAt: Date | null };

/**
 * セキュリティ診断: the one place that judges an account's protection. Password age is shown but never
 * counted against the member (NIST: no forced rotation).
 */
export async function runCheckup(
  db: Db,
  memberId: string,
  currentSessionId: string | null,
  now: Date,
): Promise<Checkup> {
  const twoFactor = await hasSecondFactor(db, memberId);
  const keys = await passkeysOf(db, memberId);
  const recoveryLeft = twoFactor ? await unusedRecoveryCodeCount(db, memberId) : 0;
  const others = (await liveSessions(db, memberId, now)).filter((s) => s.id !== currentSessionId).length;
  const privacy = await privacyOf(db, memberId);
  const [account] = await db
    .select({ passwordHash: members.passwordHash, fitsAlone: members.passwordFitsAlone })
    .from(members)
    .where(eq(members.id, memberId));
  const items: CheckupItem[] = [
    { key: 'twoFactor', ok: twoFactor || keys.length > 0 },
    { key: 'passkey', ok: keys.length > 0 },
    ...(twoFactor ? [{ key: 'recoveryCodes' as const, ok: recoveryLeft >= 3, left: recoveryLeft }] : []),
    { key: 'otherSessions', ok: others === 0, count: others },
    // Only a password shorter than 15 characters counts against the score (allowed beside a second factor), never its age.
    ...(account?.passwordHash ? [{ key: 'passwordLength' as const, ok: account.fitsAlone }] : []),
    {
      key: 'personalDetails',
      ok: [privacy.realName, privacy.location, privacy.birthday].every((a) => a === 'private' || a === 'followers'),
    },
  ];
  const [lastPassword] = await db
    .select({ at: securityEvents.at })
    .from(securityEvents)
    .where(
      and(
        eq(securityEvents.memberId, memberId),
        inArray(securityEvents.kind, ['signup', 'password_changed', 'password_reset', 'password_set']),
      ),
    )
    .orderBy(desc(securityEvents.at))
    .limit(1);
  return {
    score: Math.round((100 * items.filter((i) => i.ok).length) / items.length),
    items,
    passwordSetAt: lastPassword?.at ?? null,
  };
}

/**
 * Reminds members whose score is low because they have neither a second factor nor a passkey (which
 * leaves it at 60 or below), at most once per CHECKUP_REMINDER_DAYS,
 * and not in their first week. Batched and idempotent: a member reminded is skipped until the period passes.
 */
export async function sendCheckupReminders(deps: Deps, limit = 200): Promise<number> {
  const now = deps.clock.now();
  const periodStart = new Date(now.getTime() - deps.config.checkupReminderDays * DAY);
  const due = await deps.db
    .select()
    .from(members)
    .leftJoin(checkupReminders, eq(checkupReminders.memberId, members.id))
    .where(
      and(
        eq(members.status, 'active'),
        lt(members.createdAt, new Date(now.getTime() - 7 * DAY)),
        or(isNull(checkupReminders.sentAt), lt(checkupReminders.sentAt, periodStart)),
        notExists(
          deps.db
            .select({ one: sql`1` })
            .from(totpFactors)
            .where(and(eq(totpFactors.memberId, members.id), sql`${totpFactors.confirmedAt} is not null`)),
        ),
        notExists(
          deps.db
            .select({ one: sql`1` })
            .from(passkeys)
            .where(eq(passkeys.memberId, members.id)),
        ),
      ),
    )
    .limit(limit);
  for (const { members: member } of due) {
    await deps.db.transaction(async (tx) => {
      await tx
        .insert(checkupReminders)
        .values({ memberId: member.id, sentAt: now })
        .onConflictDoUpdate({ target: checkupReminders.memberId, set: { sentAt: now } });
      await mailMember(tx, deps, member, 'security_checkup', checkupMail, {
        url: mailLinks(deps.config.baseUrl).checkup,
      });
    });
  }
  return due.length;
}
