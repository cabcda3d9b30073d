import { blockedBetween } from '../blocking/rules';
import { and, asc, eq, or } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Db, Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { DAY } from '../platform/clock';
import type { CurrentMember } from '../platform/web/env';
import { members } from '../accounts/schema';
import { isUniqueViolation } from '../accounts/signUp';
import { appendMessage } from '../messages/rooms';
import { counterpartOf } from '../messages/access';
import { directMessageBlocker } from '../messages/directRules';
import { rooms, services } from '../marketplace/schema';
import { tradingBlocker } from '../marketplace/rules';
import { placeAgreedOrder, type Charged } from '../marketplace/orders/agreedOrder';
import { orderTerms, type OrderTerms } from '../marketplace/orders/orderTerms';
import { queueTradingMail } from './mails';
import { offers } from './schema';

type Offer = typeof offers.$inferSelect;
/** The longest a seller may keep an offer open: an old price should not be accepted by surprise. */
export const OFFER_VALID_DAYS_MAX = 30;
type Refusal = { ok: false; problem: Message };
export type OfferInput = {
  serviceId: string;
  scope: string;
  priceYen: number;
  deliveryDays: number;
  validDays: number;
  idempotencyKey: string;
};

/** What the card says: an open offer past its expiry is 期限切れ, whether or not anything has touched it since. */
export function offerState(offer: Pick<Offer, 'status' | 'expiresAt'>, now: Date) {
  return offer.status === 'open' && offer.expiresAt.getTime() <= now.getTime() ? ('expired' as const) : offer.status;
}

/** 見積り提案を送る: the seller offers one of their published services at an agreed scope and price. */
export async function sendOffer(
  deps: Deps,
  seller: CurrentMember,
  roomId: string,
  input: OfferInput,
): Promise<{ ok: true; offerId: string } | Refusal> {
  const blocker = tradingBlocker(seller);
  if (blocker) return { ok: false, problem: blocker };
  const [room] = await deps.db.select().from(rooms).where(eq(rooms.id, roomId));
  if (!room || room.kind !== 'direct' || (room.memberA !== seller.id && room.memberB !== seller.id))
    return { ok: false, problem: (t) => t.trading.errors.roomNotFound };
  const [buyer] = await deps.db
    .select()
    .from(members)
    .where(eq(members.id, counterpartOf(room, seller.id)));
  const refusal = await directMessageBlocker(deps.db, seller, buyer);
  if (refusal) return { ok: false, problem: refusal };
  const [service] = await deps.db.select().from(services).where(eq(services.id, input.serviceId));
  if (!service || service.sellerId !== seller.id || service.status !== 'published')
    return { ok: false, problem: (t) => t.trading.errors.serviceRequired };
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [offer] = await tx
        .insert(offers)
        .values({
          roomId,
          sellerId: seller.id,
          buyerId: buyer.id,
          serviceId: service.id,
          scope: input.scope,
          priceYen: input.priceYen,
          deliveryDays: input.deliveryDays,
          expiresAt: new Date(now.getTime() + input.validDays * DAY),
          idempotencyKey: input.idempotencyKey,
          createdAt: now,
        })
        .returning();
      await appendMessage(tx, { roomId, senderId: null, kind: 'system', body: 'order.offerSent' }, now);
      await queueTradingMail(tx, deps, buyer.id, 'offerSent', seller.displayName, `/messages/${roomId}`);
      return { ok: true as const, offerId: offer.id };
    });
  } catch (error) {
    // The same form sent twice: the first one's offer is the one.
    if (!isUniqueViolation(error, 'offers_idempotency_key')) throw error;
    const [existing] = await deps.db
      .select()
      .from(offers)
      .where(and(eq(offers.sellerId, seller.id), eq(offers.idempotencyKey, input.idempotencyKey)));
    return { ok: true, offerId: existing.id };
  }
}

/**
 * 購入確認 of an offer: what accepting it would charge, checked as acceptOffer checks it (the buyer's own
 * open offer, at the price the card showed), without charging.
 */
export async function quoteOffer(
  deps: Deps,
  buyer: CurrentMember,
  offerId: string,
  expectedPriceYen: number,
): Promise<{ ok: true; offer: Offer; title: string; terms: OrderTerms } | Refusal> {
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  const [row] = await deps.db
    .select({ offer: offers, title: services.title })
    .from(offers)
    .innerJoin(services, eq(services.id, offers.serviceId))
    .where(eq(offers.id, offerId));
  if (!row || row.offer.buyerId !== buyer.id) return { ok: false, problem: (t) => t.trading.errors.offerNotFound };
  const state = offerState(row.offer, deps.clock.now());
  if (state !== 'open')
    return { ok: false, problem: (t) => t.trading.errors.offerClosed(t.trading.offer.states[state]) };
  if (row.offer.priceYen !== expectedPriceYen)
    return { ok: false, problem: (t) => t.marketplace.errors.priceChanged(row.offer.priceYen) };
  const terms = orderTerms(deps.clock.now(), row.offer.deliveryDays, deps.config.marketplace.autoApproveDays);
  return { ok: true, offer: row.offer, title: row.title, terms };
}

/**
 * 承諾: the buyer accepts an open, unexpired offer; it becomes an order at the offered price with the
 * offer's scope. The offer row is locked, so accepting twice (double click, two tabs) makes one order.
 */
export async function acceptOffer(
  deps: Deps,
  buyer: CurrentMember,
  offerId: string,
  expectedPriceYen: number,
): Promise<{ ok: true; orderId: string } | Refusal> {
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  let charged: Charged | null = null;
  try {
    return await deps.db.transaction(async (tx) => {
      const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId)).for('update');
      if (!offer || offer.buyerId !== buyer.id)
        return { ok: false as const, problem: ((t) => t.trading.errors.offerNotFound) as Message };
      if (offer.status === 'accepted' && offer.orderId) return { ok: true as const, orderId: offer.orderId };
      const state = offerState(offer, deps.clock.now());
      if (state !== 'open')
        return {
          ok: false as const,
          problem: ((t) => t.trading.errors.offerClosed(t.trading.offer.states[state])) as Message,
        };
      const [row] = await tx
        .select({ service: services, sellerStatus: members.status })
        .from(services)
        .innerJoin(members, eq(members.id, services.sellerId))
        .where(eq(services.id, offer.serviceId));
      // A block since the offer was sent (either way) stops it becoming an order, and says nothing of the block.
      if (row.sellerStatus !== 'active' || (await blockedBetween(tx, buyer.id, offer.sellerId)))
        return { ok: false as const, problem: ((t) => t.marketplace.errors.serviceNotAvailable) as Message };
      const placed = await placeAgreedOrder(
        tx,
        deps,
        {
          buyerId: buyer.id,
          sellerId: offer.sellerId,
          serviceId: offer.serviceId,
          title: row.service.title,
          scope: offer.scope,
          priceYen: offer.priceYen,
          deliveryDays: offer.deliveryDays,
          expectedPriceYen,
          idempotencyKey: `offer:${offer.id}`,
        },
        (c) => (charged = c),
      );
      if (!placed.ok) return placed;
      const now = deps.clock.now();
      await tx
        .update(offers)
        .set({ status: 'accepted', orderId: placed.orderId, decidedAt: now })
        .where(eq(offers.id, offer.id));
      await appendMessage(
        tx,
        { roomId: offer.roomId, senderId: null, kind: 'system', body: 'order.offerAccepted' },
        now,
      );
      await queueTradingMail(tx, deps, offer.sellerId, 'offerAccepted', buyer.displayName, `/orders/${placed.orderId}`);
      return placed;
    });
  } catch (error) {
    const paid = charged as Charged | null;
    if (paid) await deps.paymentProvider.refund(paid);
    throw error;
  }
}

/** 辞退 (by the buyer) or 取り下げ (by the seller): only an open, unexpired offer, only by its own party. */
export async function closeOffer(
  deps: Deps,
  member: CurrentMember,
  offerId: string,
  how: 'declined' | 'withdrawn',
): Promise<{ ok: true } | Refusal> {
  return deps.db.transaction(async (tx) => {
    const [offer] = await tx.select().from(offers).where(eq(offers.id, offerId)).for('update');
    const party = how === 'declined' ? offer?.buyerId : offer?.sellerId;
    if (!offer || party !== member.id)
      return { ok: false as const, problem: ((t) => t.trading.errors.offerNotFound) as Message };
    const now = deps.clock.now();
    const state = offerState(offer, now);
    if (state === how) return { ok: true as const };
    if (state !== 'open')
      return {
        ok: false as const,
        problem: ((t) => t.trading.errors.offerClosed(t.trading.offer.states[state])) as Message,
      };
    await tx.update(offers).set({ status: how, decidedAt: now }).where(eq(offers.id, offer.id));
    await appendMessage(
      tx,
      {
        roomId: offer.roomId,
        senderId: null,
        kind: 'system',
        body: how === 'declined' ? 'order.offerDeclined' : 'order.offerWithdrawn',
      },
      now,
    );
    if (how === 'declined')
      await queueTradingMail(
        tx,
        deps,
        offer.sellerId,
        'offerDeclined',
        member.displayName,
        `/messages/${offer.roomId}`,
      );
    return { ok: true as const };
  });
}

/** 休止 or 退会: the member's open offers, sent or received, lapse (accepted ones are orders and stay). */
export async function lapseOpenOffers(tx: Tx, memberId: string, now: Date) {
  await lapseOpenOffersStatement(tx, memberId, now);
}

/** The statement lapseOpenOffers runs, unsent, for a caller that sends several writes as one (withdrawMember). */
export function lapseOpenOffersStatement(tx: Tx, memberId: string, now: Date) {
  return tx
    .update(offers)
    .set({ status: 'lapsed', decidedAt: now })
    .where(and(eq(offers.status, 'open'), or(eq(offers.sellerId, memberId), eq(offers.buyerId, memberId))));
}

/** ブロック: open offers between the two lapse, either way (accepted ones are orders and stay). */
export async function lapseOffersBetween(tx: Tx, a: string, b: string, now: Date) {
  await tx
    .update(offers)
    .set({ status: 'lapsed', decidedAt: now })
    .where(
      and(
        eq(offers.status, 'open'),
        or(and(eq(offers.sellerId, a), eq(offers.buyerId, b)), and(eq(offers.sellerId, b), eq(offers.buyerId, a))),
      ),
    );
}

export async function offersInRoom(db: Db, roomId: string) {
  return db
    .select({ offer: offers, serviceTitle: services.title })
    .from(offers)
    .innerJoin(services, eq(services.id, offers.serviceId))
    .where(eq(offers.roomId, roomId))
    .orderBy(asc(offers.createdAt));
}

/** The seller's published services an offer may be made for. */
export async function offerableServices(db: Db, sellerId: string) {
  return db
    .select({ id: services.id, title: services.title })
    .from(services)
    .where(and(eq(services.sellerId, sellerId), eq(services.status, 'published')))
    .orderBy(asc(services.createdAt));
}
