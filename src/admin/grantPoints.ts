import { sql } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { DAY } from '../platform/clock';
import type { CurrentMember } from '../platform/web/env';
import { members } from '../accounts/schema';
import { grantPoints } from '../marketplace/money/ledger';
import { logOperatorAction } from '../trust/operatorLog';

export type PointGrant = { username: string; amount: number; note: string };

/** An operator grants points (a campaign, an apology) to a member found by username; the grant and its log line commit together. */
export async function grantPointsByOperator(
  deps: Deps,
  operator: CurrentMember,
  grant: PointGrant,
): Promise<{ ok: true } | { ok: false; errors: { username: Message } }> {
  const [member] = await deps.db
    .select()
    .from(members)
    .where(sql`lower(${members.username}) = ${grant.username.toLowerCase()}`);
  if (!member) return { ok: false, errors: { username: (t) => t.admin.console.noMember } };
  if (member.status === 'withdrawn') return { ok: false, errors: { username: (t) => t.admin.grant.withdrawn } };
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.marketplace.pointsValidDays * DAY);
  await deps.db.transaction(async (tx) => {
    await grantPoints(
      tx,
      { memberId: member.id, amount: grant.amount, expiresAt, note: `${grant.note} (by ${operator.username})` },
      now,
    );
    await logOperatorAction(tx, operator, 'points_granted', member.id, `${grant.amount} (${grant.note})`, now);
  });
  return { ok: true };
}
