import type { Context } from 'hono';
import type { Db, Tx } from '../platform/db/client';
import type { AppEnv } from '../platform/web/env';
import type { MemberRole, MemberStatus } from '../accounts/schema';
import { hasSecondFactor } from '../security/factors/twoFactor';

export type OperatorRefusal = 'notOperator' | 'inactive' | 'noFactor' | 'sessionNeedsCode';

/**
 * The one rule for acting as an operator (the /admin console, reading order rooms and their files,
 * settling disputes): an active operator with a second factor, in a session that passed it. Null when
 * allowed, otherwise why not.
 */
export async function operatorRefusal(
  db: Db | Tx,
  member: { id: string; role: MemberRole; status: MemberStatus },
  sessionSecondFactorAt: Date | null,
): Promise<OperatorRefusal | null> {
  if (member.role !== 'operator') return 'notOperator';
  if (member.status !== 'active') return 'inactive';
  if (!(await hasSecondFactor(db, member.id))) return 'noFactor';
  if (!sessionSecondFactorAt) return 'sessionNeedsCode';
  return null;
}

/** Whether this request comes from an operator who may act as one now (see operatorRefusal). */
export async function isVerifiedOperator(c: Context<AppEnv>): Promise<boolean> {
  const member = c.get('view').member;
  if (!member || member.role !== 'operator') return false;
  return (await operatorRefusal(c.get('deps').db, member, c.get('sessionSecondFactorAt'))) === null;
}
