import { Hono } from 'hono';
import { z } from 'zod';
import type { Message } from '../dictionary';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { parseForm } from '../platform/web/forms';
import { currentMember, formBody, memberOnly } from '../platform/web/http';
import { renderDirectRoom } from '../messages/routes';
import { renderOrder } from '../marketplace/orderRoutes';
import { acceptForm, confirmedAcceptForm, offerForm, tipForm } from './forms';
import { acceptOffer, closeOffer, quoteOffer, sendOffer } from './offers';
import { ConfirmPage } from '../marketplace/pages/confirmPage';
import { includedTaxYen } from '../platform/tax';
import { offers } from './schema';
import { addTip } from './tips';
import { eq } from 'drizzle-orm';
import { render } from '../platform/web/http';
import { sellerFigures } from './figures';
import { FiguresPage } from './figuresPage';

const uuid = z.string().uuid();
type OfferField = 'serviceId' | 'scope' | 'priceYen' | 'deliveryDays' | 'validDays';

/** 見積り提案 (send, accept, decline, withdraw) and おひねり. */
export function tradingRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/offers/*', memberOnly);
  app.use('/orders/:id/tips', memberOnly);
  app.use('/mypage/figures', memberOnly);

  app.get('/mypage/figures', async (c) => {
    const deps = c.get('deps');
    return render(
      c,
      <FiguresPage v={c.get('view')} figures={await sellerFigures(deps.db, currentMember(c).id, deps.clock.now())} />,
    );
  });

  app.post('/messages/:roomId/offers', async (c) => {
    const roomId = c.req.param('roomId');
    if (!uuid.safeParse(roomId).success) return notFoundPage(c);
    const deps = c.get('deps');
    const t = c.get('view').t;
    const body = await formBody(c);
    const typed = {
      serviceId: body.serviceId ?? '',
      scope: body.scope ?? '',
      priceYen: body.priceYen ?? '',
      deliveryDays: body.deliveryDays ?? '',
      validDays: body.validDays ?? '',
    };
    const key = uuid.safeParse(body.idempotencyKey).success ? body.idempotencyKey : crypto.randomUUID();
    const refuse = (problems: Partial<Record<OfferField, Message>>) => {
      const words = Object.fromEntries(Object.entries(problems).map(([k, m]) => [k, (m as Message)(t)]));
      return renderDirectRoom(c, roomId, undefined, { typed, problems: words, idempotencyKey: key });
    };
    const form = parseForm(offerForm, body);
    if (!form.ok) return refuse(form.errors);
    const { priceMinYen, priceMaxYen } = deps.config.marketplace;
    if (form.value.priceYen < priceMinYen || form.value.priceYen > priceMaxYen)
      return refuse({ priceYen: (tt) => tt.marketplace.errors.priceRange(priceMinYen, priceMaxYen) });
    const result = await sendOffer(deps, currentMember(c), roomId, form.value);
    if (!result.ok)
      return form.value.serviceId && result.problem ? refuse({ serviceId: result.problem }) : notFoundPage(c);
    return c.redirect(`/messages/${roomId}#offers`, 303);
  });

  app.post('/offers/:id/confirm', async (c) => {
    const offerId = c.req.param('id');
    if (!uuid.safeParse(offerId).success) return notFoundPage(c);
    const deps = c.get('deps');
    const form = parseForm(acceptForm, await formBody(c));
    const quoted = form.ok
      ? await quoteOffer(deps, currentMember(c), offerId, form.value.expectedPriceYen)
      : { ok: false as const, problem: form.errors.expectedPriceYen! };
    if (!quoted.ok) {
      const [offer] = await deps.db.select().from(offers).where(eq(offers.id, offerId));
      if (!offer || offer.buyerId !== currentMember(c).id) return notFoundPage(c);
      return renderDirectRoom(c, offer.roomId, { problem: quoted.problem, draft: '' });
    }
    const { offer, terms } = quoted;
    const price = String(offer.priceYen);
    return render(
      c,
      <ConfirmPage
        v={c.get('view')}
        data={{
          title: quoted.title,
          scope: offer.scope,
          options: [],
          priceYen: offer.priceYen,
          taxYen: includedTaxYen(offer.priceYen),
          pointsUsed: 0,
          chargeYen: offer.priceYen,
          deliveryDays: terms.deliveryDays,
          dueAt: terms.dueAt,
          action: `/offers/${offer.id}/accept`,
          fields: { expectedPriceYen: price, expectedTotalYen: price },
          backHref: `/messages/${offer.roomId}#offers`,
        }}
      />,
    );
  });

  app.post('/offers/:id/:action{accept|decline|withdraw}', async (c) => {
    const offerId = c.req.param('id');
    if (!uuid.safeParse(offerId).success) return notFoundPage(c);
    const deps = c.get('deps');
    const member = currentMember(c);
    const [offer] = await deps.db.select().from(offers).where(eq(offers.id, offerId));
    if (!offer || (offer.buyerId !== member.id && offer.sellerId !== member.id)) return notFoundPage(c);
    const body = await formBody(c);
    const action = c.req.param('action');
    if (action === 'accept') {
      const form = parseForm(confirmedAcceptForm, body);
      const result = form.ok
        ? await acceptOffer(deps, member, offerId, form.value.expectedPriceYen)
        : { ok: false as const, problem: Object.values(form.errors)[0]! };
      if (result.ok) return c.redirect(`/orders/${result.orderId}`, 303);
      return renderDirectRoom(c, offer.roomId, { problem: result.problem, draft: '' });
    }
    const result = await closeOffer(deps, member, offerId, action === 'decline' ? 'declined' : 'withdrawn');
    if (!result.ok) return renderDirectRoom(c, offer.roomId, { problem: result.problem, draft: '' });
    return c.redirect(`/messages/${offer.roomId}#offers`, 303);
  });

  app.post('/orders/:id/tips', async (c) => {
    const orderId = c.req.param('id');
    if (!uuid.safeParse(orderId).success) return notFoundPage(c);
    const body = await formBody(c);
    const draft = body.amountYen ?? '';
    const form = parseForm(tipForm, body);
    if (!form.ok)
      return renderOrder(
        c,
        orderId,
        { tip: { problem: (form.errors.amountYen ?? form.errors.idempotencyKey)!, draft } },
        422,
      );
    const result = await addTip(c.get('deps'), currentMember(c), orderId, form.value);
    if (!result.ok) return renderOrder(c, orderId, { tip: { problem: result.problem, draft } }, 422);
    return c.redirect(`/orders/${orderId}?notice=tip`, 303);
  });
  return app;
}
