import type { ViewContext } from '../platform/web/env';
import { CsrfField, Field } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import type { offerState } from './offers';

export type OfferCard = {
  id: string;
  serviceTitle: string;
  scope: string;
  priceYen: number;
  deliveryDays: number;
  expiresAt: Date;
  state: ReturnType<typeof offerState>;
  orderId: string | null;
  /** buyer: may accept or decline while open; seller: may withdraw while open. */
  viewerIs: 'buyer' | 'seller' | 'operator';
};

export type OfferFormView = {
  services: { id: string; title: string }[];
  idempotencyKey: string;
  maxValidDays: number;
  typed?: Partial<Record<'serviceId' | 'scope' | 'priceYen' | 'deliveryDays' | 'validDays', string>>;
  problems?: Partial<Record<'serviceId' | 'scope' | 'priceYen' | 'deliveryDays' | 'validDays', string>>;
};

/** 見積り提案 cards in a direct room, oldest first, each with what this viewer may do with it. */
export function OfferCards({ v, cards }: { v: ViewContext; cards: OfferCard[] }) {
  const t = v.t.trading.offer;
  if (cards.length === 0) return null;
  const post = (id: string, action: string, label: string, cls: string, extra?: unknown) => (
    <form method="post" action={`/offers/${id}/${action}`} class="inline-block mr-2">
      <CsrfField v={v} />
      {extra}
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  return (
    <section class="card" id="offers">
      <h2>{t.title}</h2>
      <ul class="plain">
        {cards.map((o) => (
          <li class="card offer" data-testid="offer" data-state={o.state}>
            <p>
              <strong>{t.card}</strong>: {o.serviceTitle} <span class="pill">{t.states[o.state]}</span>
            </p>
            <p class="pre">{o.scope}</p>
            <p>
              {t.priceLabel}: {v.t.marketplace.yen(o.priceYen)} · {t.daysLabel(o.deliveryDays)} ·{' '}
              {t.expires(formatDateTime(v, o.expiresAt))}
            </p>
            {o.state === 'open' && o.viewerIs === 'buyer' ? (
              <>
                <p class="small muted">{t.acceptHint}</p>
                {post(
                  o.id,
                  'confirm',
                  t.accept,
                  '',
                  <input type="hidden" name="expectedPriceYen" value={String(o.priceYen)} />,
                )}
                {post(o.id, 'decline', t.decline, 'secondary')}
              </>
            ) : null}
            {o.state === 'open' && o.viewerIs === 'seller' ? post(o.id, 'withdraw', t.withdraw, 'secondary') : null}
            {o.orderId && o.viewerIs !== 'operator' ? <a href={`/orders/${o.orderId}`}>{t.openOrder}</a> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The seller's form to send an offer, with each refused field's problem beside it. */
export function OfferForm({ v, roomId, form }: { v: ViewContext; roomId: string; form: OfferFormView }) {
  const t = v.t.trading.offer;
  const typed = form.typed ?? {};
  const problems = form.problems ?? {};
  if (form.services.length === 0) return <p class="card small muted">{t.noServices}</p>;
  return (
    <details class="card" open={Object.keys(problems).length > 0}>
      <summary>{t.title}</summary>
      <p class="small muted">{t.lead}</p>
      <form method="post" action={`/messages/${roomId}/offers`}>
        <CsrfField v={v} />
        <input type="hidden" name="idempotencyKey" value={form.idempotencyKey} />
        <div class="field">
          <label for="f-serviceId">{t.service}</label>
          <select
            id="f-serviceId"
            name="serviceId"
            aria-invalid={problems.serviceId ? 'true' : undefined}
            aria-describedby={problems.serviceId ? 'f-serviceId-error' : undefined}
          >
            <option value="">{t.servicePick}</option>
            {form.services.map((s) => (
              <option value={s.id} selected={typed.serviceId === s.id}>
                {s.title}
              </option>
            ))}
          </select>
          {problems.serviceId ? (
            <p class="field-error" id="f-serviceId-error" role="alert">
              {problems.serviceId}
            </p>
          ) : null}
        </div>
        <Field
          v={v}
          name="scope"
          label={t.scope}
          multiline
          maxlength={2000}
          value={typed.scope}
          error={problems.scope}
        />
        <Field v={v} name="priceYen" label={t.price} value={typed.priceYen} error={problems.priceYen} />
        <Field
          v={v}
          name="deliveryDays"
          label={t.deliveryDays}
          value={typed.deliveryDays ?? '7'}
          error={problems.deliveryDays}
        />
        <Field
          v={v}
          name="validDays"
          label={t.validDays}
          hint={t.validHint(form.maxValidDays)}
          value={typed.validDays ?? '7'}
          error={problems.validDays}
        />
        <button type="submit">{t.send}</button>
      </form>
    </details>
  );
}

export type OrderTradingView = {
  tipTotalYen: number;
  canTip: boolean;
  tipMinYen: number;
  tipMaxYen: number;
  tipKey: string;
  tip?: { draft: string; problem: string } | null;
  canSendBack: boolean;
  sendBack?: { draft: string; problem: string } | null;
};

/** On the order page: 差し戻し for a delivered order, and おひねり for the buyer. */
export function OrderTradingForms({ v, orderId, view }: { v: ViewContext; orderId: string; view: OrderTradingView }) {
  const t = v.t.trading;
  return (
    <>
      {view.tipTotalYen > 0 ? <p data-testid="tip-total">{t.tip.total(view.tipTotalYen)}</p> : null}
      {view.canSendBack ? (
        <form method="post" action={`/orders/${orderId}/actions/sendBack`} class="card">
          <CsrfField v={v} />
          <h2>{t.sendBack.title}</h2>
          <p class="small muted">{t.sendBack.lead}</p>
          <Field
            v={v}
            name="message"
            label={t.sendBack.reason}
            multiline
            maxlength={2000}
            required
            value={view.sendBack?.draft}
            error={view.sendBack?.problem}
          />
          <button type="submit" class="secondary">
            {t.sendBack.send}
          </button>
        </form>
      ) : null}
      {view.canTip ? (
        <form method="post" action={`/orders/${orderId}/tips`} class="card">
          <CsrfField v={v} />
          <h2>{t.tip.title}</h2>
          <p class="small muted">{t.tip.lead(view.tipMinYen, view.tipMaxYen)}</p>
          <input type="hidden" name="idempotencyKey" value={view.tipKey} />
          <Field v={v} name="amountYen" label={t.tip.amount} value={view.tip?.draft} error={view.tip?.problem} />
          <button type="submit" class="secondary">
            {t.tip.send}
          </button>
        </form>
      ) : null}
    </>
  );
}
