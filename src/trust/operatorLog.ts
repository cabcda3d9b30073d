import type { Tx } from '../platform/db/client';
import { operatorActions } from './schema';

export type Operator = { id: string };

/** Every operator action on a member is written in the action's own transaction, with who did it. */
export async function logOperatorAction(
  tx: Tx,
  operator: Operator | null,
  action: string,
  memberId: string | null,
  detail: string,
  now: Date,
) {
  await tx.insert(operatorActions).values({ operatorId: operator?.id ?? null, action, memberId, detail, at: now });
}
