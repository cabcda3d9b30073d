import { inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { queueMail } from '../../platform/mail/outbox';
import { members } from '../../accounts/schema';
import { orderEventMail, type OrderEvent } from '../mails';

/** Tells members about an order event by mail, through the outbox, in the caller's transaction. */
export async function notifyOrderEvent(tx: Tx, deps: Deps, order: { id: string; titleSnapshot: string }, event: OrderEvent, recipientIds: string[]) {
  if (recipientIds.length === 0) return;
  const recipients = await tx.select().from(members).where(inArray(members.id, recipientIds));
  for (const member of recipients) {
    // Withdrawn and suspended members get no trading mail.
    if (member.status !== 'active' && member.status !== 'paused') continue;
    await queueMail(tx, deps, {
      to: member.email,
      memberId: member.id,
      template: `order_${event}`,
      locale: member.locale,
      content: orderEventMail(member.locale, { name: member.displayName, title: order.titleSnapshot, event, url: `${deps.config.baseUrl}/orders/${order.id}` }),
    });
  }
}
