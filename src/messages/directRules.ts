import { and, count, eq, or } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Db } from '../platform/db/client';
import { orders } from '../marketplace/schema';
import { privacyOf } from '../privacy/choices';
import { mayMessage } from '../privacy/visibility';
import { blockedBetween } from '../blocking/rules';
import { inactiveBlocker } from '../accounts/activity';
import { consentBlocker } from '../legal/consentRule';

async function haveTraded(db: Db, a: string, b: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(orders)
    .where(or(and(eq(orders.buyerId, a), eq(orders.sellerId, b)), and(eq(orders.buyerId, b), eq(orders.sellerId, a))));
  return row.n > 0;
}

/** Who may write to whom directly: not oneself, a confirmed address, and the recipient's choice (公開設定). */
export async function directMessageBlocker(
  db: Db,
  sender: { id: string; emailVerified: boolean; status: string; termsPending: boolean },
  recipient: { id: string; status: string },
): Promise<Message | null> {
  if (sender.id === recipient.id) return (t) => t.messages.errors.cannotMessageSelf;
  const inactive = inactiveBlocker(sender) ?? consentBlocker(sender);
  if (inactive) return inactive;
  // A paused, withdrawn or suspended member receives no new messages.
  if (recipient.status !== 'active') return (t) => t.messages.errors.counterpartGone;
  if (!sender.emailVerified) return (t) => t.marketplace.errors.verifyFirst;
  // A block (either way) reads as the recipient's choice: the blocked member is not told.
  if (await blockedBetween(db, sender.id, recipient.id)) return (t) => t.messages.errors.recipientClosed;
  const policy = (await privacyOf(db, recipient.id)).directMessages;
  if (!mayMessage(policy, policy === 'traded' && (await haveTraded(db, sender.id, recipient.id))))
    return (t) => t.messages.errors.recipientClosed;
  return null;
}
