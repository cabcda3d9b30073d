import { inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { mailMember } from '../../platform/mail/mailMember';
import { members } from '../../accounts/schema';
import { orderEventMail, type OrderEvent } from '../mails';
import { mailLinks } from '../../platform/mail/links';

/** Tells members about an order event by mail, through the outbox, in the caller's transaction. */
export async function notifyOrderEvent(
  tx: Tx,
  deps: Deps,
  order: { id: string; titleSnapshot: string },
  event: OrderEvent,
  recipientIds: string[],
) {
  if (recipientIds.length === 0) return;
  const recipients = await tx.select().from(members).where(inArray(members.id, recipientIds));
  for (const member of recipients) {
    // Withdrawn and suspended members get no trading mail.
    if (member.status !== 'active' && member.status !== 'paused') continue;
    await mailMember(tx, deps, member, `order_${event}`, orderEventMail, {
      title: order.titleSnapshot,
      event,
      url: mailLinks(deps.config.baseUrl).order(order.id),
    });
  }
}
