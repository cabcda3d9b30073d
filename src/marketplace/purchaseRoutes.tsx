import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Message } from '../dictionary';
import type { AppEnv } from '../platform/web/env';
import { parseForm } from '../platform/web/forms';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { notFoundPage } from '../platform/web/errors';
import { confirmedPurchaseForm, optionPricesFrom, purchaseForm } from './forms';
import { purchaseService } from './orders/purchase';
import { quotePurchase } from './orders/quote';
import { ConfirmPage } from './pages/confirmPage';

type ServicePageRenderer = (
  c: Context<AppEnv>,
  id: string,
  problem: string | null,
  notice: null,
  status: 422,
  typed: { pointsToUse: string; ticked: string[] },
) => Promise<Response>;

const uuid = z.string().uuid();

/** 購入確認 then 購入: the service page's form goes to the confirmation; only the confirmation's form charges. */
export function purchaseRoutes(renderServicePage: ServicePageRenderer) {
  const app = new Hono<AppEnv>();

  /** Both steps read the same form: a refusal goes back to the service page with what was typed and ticked. */
  async function readPurchase<S extends typeof purchaseForm | typeof confirmedPurchaseForm>(
    c: Context<AppEnv>,
    id: string,
    schema: S,
  ) {
    const body = await formBody(c);
    const t = c.get('view').t;
    const optionPrices = optionPricesFrom(body);
    const typed = { pointsToUse: body.pointsToUse ?? '0', ticked: Object.keys(optionPrices ?? {}) };
    const refuse = (problem: Message) => renderServicePage(c, id, problem(t), null, 422, typed);
    const form = parseForm(schema, body);
    if (!form.ok) return { ok: false as const, refused: await refuse(Object.values(form.errors)[0]!) };
    if (!optionPrices) return { ok: false as const, refused: await refuse((t) => t.common.errors.csrfBody) };
    return { ok: true as const, form: form.value, optionPrices, refuse };
  }

  app.post('/services/:id/confirm', memberOnly, async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    const read = await readPurchase(c, id, purchaseForm);
    if (!read.ok) return read.refused;
    const { form, optionPrices, refuse } = read;
    const deps = c.get('deps');
    const quoted = await quotePurchase(deps.db, deps, currentMember(c), { serviceId: id, ...form, optionPrices });
    if (!quoted.ok) return refuse(quoted.problem);
    const q = quoted.quote;
    const optionFields = Object.fromEntries(q.options.map((o) => [`option:${o.id}`, String(o.priceYen)]));
    return render(
      c,
      <ConfirmPage
        v={c.get('view')}
        data={{
          title: q.service.title,
          options: q.options,
          priceYen: q.priceYen,
          taxYen: q.taxYen,
          pointsUsed: q.pointsUsed,
          chargeYen: q.chargeYen,
          deliveryDays: q.terms.deliveryDays,
          dueAt: q.terms.dueAt,
          action: `/services/${id}/purchase`,
          fields: {
            idempotencyKey: form.idempotencyKey,
            expectedPriceYen: String(q.basePriceYen),
            expectedTotalYen: String(q.priceYen),
            pointsToUse: String(q.pointsUsed),
            ...optionFields,
          },
          backHref: `/services/${id}`,
        }}
      />,
    );
  });

  app.post('/services/:id/purchase', memberOnly, async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) return notFoundPage(c);
    const read = await readPurchase(c, id, confirmedPurchaseForm);
    if (!read.ok) return read.refused;
    const { form, optionPrices, refuse } = read;
    const result = await purchaseService(c.get('deps'), currentMember(c), { serviceId: id, ...form, optionPrices });
    if (!result.ok) return refuse(result.problem);
    return c.redirect(`/orders/${result.orderId}`, 303);
  });
  return app;
}
