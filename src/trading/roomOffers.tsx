import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { currentMember } from '../platform/web/http';
import type { rooms } from '../marketplace/schema';
import { OFFER_VALID_DAYS_MAX, offerableServices, offersInRoom, offerState } from './offers';
import { OfferCards, OfferForm, type OfferFormView } from './pages';

/** A refused offer form: what was typed and each field's problem, already in the reader's words. */
export type OfferFormRefused = Pick<OfferFormView, 'typed' | 'problems'> & { idempotencyKey: string };

/** The 見積り提案 part of a direct room: its cards, and the form for a participant who has something to offer. */
export async function roomOffers(
  c: Context<AppEnv>,
  room: typeof rooms.$inferSelect,
  access: 'participant' | 'operator',
  canPost: boolean,
  refused?: OfferFormRefused,
) {
  const deps = c.get('deps');
  const viewer = currentMember(c);
  const now = deps.clock.now();
  const cards = (await offersInRoom(deps.db, room.id)).map(({ offer, serviceTitle }) => ({
    id: offer.id,
    serviceTitle,
    scope: offer.scope,
    priceYen: offer.priceYen,
    deliveryDays: offer.deliveryDays,
    expiresAt: offer.expiresAt,
    state: offerState(offer, now),
    orderId: offer.orderId,
    viewerIs:
      access === 'operator'
        ? ('operator' as const)
        : offer.buyerId === viewer.id
          ? ('buyer' as const)
          : ('seller' as const),
  }));
  const services = access === 'participant' && canPost ? await offerableServices(deps.db, viewer.id) : [];
  const v = c.get('view');
  return (
    <>
      <OfferCards v={v} cards={cards} />
      {services.length > 0 ? (
        <OfferForm
          v={v}
          roomId={room.id}
          form={{
            services,
            idempotencyKey: refused?.idempotencyKey ?? randomUUID(),
            maxValidDays: OFFER_VALID_DAYS_MAX,
            typed: refused?.typed,
            problems: refused?.problems,
          }}
        />
      ) : null}
    </>
  );
}
