import type { Db } from '../../platform/db/client';
import { openSuspension } from '../../trust/suspension';
import { hasSecondFactor } from '../factors/twoFactor';

/**
 * What a suspended member learns at login, once they proved the password (or SNS account): the reason
 * and end date. With a second factor on, the password alone is not enough proof: the reason stays in
 * the suspension mail only.
 */
export async function suspensionNotice(
  db: Db,
  memberId: string,
): Promise<{ reason: string | null; endsAt: Date | null }> {
  if (await hasSecondFactor(db, memberId)) return { reason: null, endsAt: null };
  const open = await openSuspension(db, memberId);
  return { reason: open?.reason ?? null, endsAt: open?.endsAt ?? null };
}
