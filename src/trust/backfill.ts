import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { phoneNumbers } from '../security/schema';
import { recordBan } from './bans';
import { identitySignals, suspensions } from './schema';
import { recordSignals } from './signals';

const BATCH = 500;

/**
 * Accounts from before identity signals existed get their email (and verified phone) signals, and
 * members suspended before suspensions had records get one (reason unknown, lifted to active), with
 * their signals banned. Idempotent and batched: the hourly job finds nothing once done.
 */
export async function backfillTrustRecords(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const secret = deps.config.secretKey;
  const withoutSignals = await deps.db
    .select({
      id: members.id,
      email: members.email,
      phone: phoneNumbers.phoneE164,
      phoneVerifiedAt: phoneNumbers.verifiedAt,
    })
    .from(members)
    .leftJoin(phoneNumbers, eq(phoneNumbers.memberId, members.id))
    .where(
      and(
        sql`${members.status} <> 'withdrawn'`,
        notExists(
          deps.db
            .select({ one: sql`1` })
            .from(identitySignals)
            .where(and(eq(identitySignals.memberId, members.id), eq(identitySignals.kind, 'email'))),
        ),
      ),
    )
    .limit(BATCH);
  for (const m of withoutSignals) {
    await deps.db.transaction((tx) =>
      recordSignals(
        tx,
        secret,
        m.id,
        [
          { kind: 'email', value: m.email },
          ...(m.phone && m.phoneVerifiedAt ? [{ kind: 'phone' as const, value: m.phone }] : []),
        ],
        now,
      ),
    );
  }
  const unrecorded = await deps.db
    .select({ id: members.id, email: members.email })
    .from(members)
    .where(
      and(
        eq(members.status, 'suspended'),
        notExists(
          deps.db
            .select({ one: sql`1` })
            .from(suspensions)
            .where(and(eq(suspensions.memberId, members.id), isNull(suspensions.liftedAt))),
        ),
      ),
    )
    .limit(BATCH);
  for (const m of unrecorded) {
    await deps.db.transaction(async (tx) => {
      await tx.insert(suspensions).values({ memberId: m.id, reason: '', previousStatus: 'active', createdAt: now });
      await recordBan(tx, secret, m.id, [{ kind: 'email', value: m.email }], now);
    });
  }
  return withoutSignals.length + unrecorded.length;
}
