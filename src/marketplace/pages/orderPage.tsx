import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Field, FormProblem, Layout, Notice } from '../../platform/web/layout';
import { RoomMessages, type RoomPageView } from '../../messages/pages';
import type { OrderStatus } from '../schema';
import type { OrderAction } from '../orders/stateMachine';
import { Stars, TestModeNotice } from './components';
import { OrderTradingForms, type OrderTradingView } from '../../trading/pages';
import { OrderPriceLines } from './optionPages';
import { ReceiptLink } from '../../documents/pages';
import { OrderTermsSection, type OrderTermsView } from './orderTermsSection';
import type { OrderProgress } from '../orders/progress';
import { NextStep, StarRadios, StepBar } from './orderProgressView';

export type OrderPageData = {
  order: {
    id: string;
    title: string;
    serviceId: string;
    status: OrderStatus;
    priceYen: number;
    pointsUsed: number;
    chargedYen: number;
    cancelRequestedBy: string | null;
  };
  /** The agreed scope of an order made from a 見積り提案 or a 公開依頼 proposal. */
  scope?: string | null;
  /** The 有料オプション it was bought with, as they were at purchase. */
  options: { title: string; priceYen: number; extraDays: number }[];
  terms?: OrderTermsView | null;
  trading?: OrderTradingView;
  viewerRole: 'buyer' | 'seller' | 'operator';
  viewerId: string;
  buyer: { name: string | null; username: string | null };
  seller: { name: string | null; username: string | null };
  allowedActions: OrderAction[];
  myReview: { rating: number; comment: string; editable: boolean } | null;
  theirReview: { rating: number; comment: string } | null;
  canReview: boolean;
  autoApproveDays: number;
  /** The step bar, its dates and whose turn it is (orderProgress). */
  progress: OrderProgress;
  room: RoomPageView;
  /** A refused delivery: its problem, shown by the note, and the note as typed. */
  delivery?: { problem: string; draft: string } | null;
  /** A refused review: what was chosen and typed, and each field's problem. */
  reviewForm?: { rating: string; comment: string; ratingProblem: string | null; commentProblem: string | null } | null;
  notice?: string | null;
  problem?: string | null;
};

export function OrderPage({ v, data }: { v: ViewContext; data: OrderPageData }) {
  const t = v.t.marketplace;
  const o = data.order;
  const person = (p: { name: string | null; username: string | null }) =>
    p.username ? <a href={`/users/${p.username}`}>{p.name}</a> : <span>{v.t.common.withdrawnUser}</span>;
  return (
    <Layout v={v} title={`${t.order.title}: ${o.title}`} noindex>
      {data.viewerRole === 'operator' ? <p class="banner">{t.order.operatorView}</p> : null}
      <Notice text={data.notice} />
      <FormProblem text={data.problem} />
      <div class="order-layout">
        <section class="card order-head">
          <h1>
            <a href={`/services/${o.serviceId}`}>{o.title}</a>
          </h1>
          <StepBar v={v} progress={data.progress} />
          <NextStep
            v={v}
            progress={data.progress}
            viewerRole={data.viewerRole}
            names={{
              buyer: data.buyer.name ?? v.t.common.withdrawnUser,
              seller: data.seller.name ?? v.t.common.withdrawnUser,
            }}
          />
        </section>
        <div class="order-details">
          <section class="card">
            <TestModeNotice v={v} />
            {data.scope ? (
              <p class="pre" data-testid="order-scope">
                {data.scope}
              </p>
            ) : null}
            <table>
              <tbody>
                <tr>
                  <th>{t.order.status}</th>
                  <td>
                    <span class="pill" data-testid="order-status">
                      {t.status[o.status]}
                    </span>
                  </td>
                </tr>
                <tr>
                  <th>{t.order.buyer}</th>
                  <td>{person(data.buyer)}</td>
                </tr>
                <tr>
                  <th>{t.order.seller}</th>
                  <td>{person(data.seller)}</td>
                </tr>
                <tr>
                  <th>{t.order.price}</th>
                  <td>{t.yen(o.priceYen)}</td>
                </tr>
                <tr>
                  <th>{t.order.pointsUsed}</th>
                  <td>{t.points(o.pointsUsed)}</td>
                </tr>
                <tr>
                  <th>{t.order.charged}</th>
                  <td>{t.yen(o.chargedYen)}</td>
                </tr>
              </tbody>
            </table>
            <OrderPriceLines v={v} priceYen={o.priceYen} options={data.options} />
            {o.status === 'completed' && data.viewerRole === 'buyer' ? <ReceiptLink v={v} orderId={o.id} /> : null}
            {o.status === 'disputed' ? <p class="banner">{t.order.disputedNotice}</p> : null}
            {o.cancelRequestedBy ? (
              <p class="banner">
                {o.cancelRequestedBy === data.viewerId ? t.order.cancelRequestedByYou : t.order.cancelRequestedByOther}
              </p>
            ) : null}
            <OrderActions v={v} data={data} />
            {data.trading ? <OrderTradingForms v={v} orderId={o.id} view={data.trading} /> : null}
          </section>
          <OrderTermsSection v={v} terms={data.terms ?? null} />
        </div>
        <div class="order-talk">
          <Reviews v={v} data={data} />
          <RoomMessages v={v} room={data.room} />
        </div>
      </div>
    </Layout>
  );
}

function OrderActions({ v, data }: { v: ViewContext; data: OrderPageData }) {
  const t = v.t.marketplace.order;
  const has = (a: OrderAction) => data.allowedActions.includes(a);
  const button = (action: OrderAction, label: string, cls = 'secondary', hint?: string) => (
    <form method="post" action={`/orders/${data.order.id}/actions/${action}`} class="mt-2">
      <CsrfField v={v} />
      <button type="submit" class={cls}>
        {label}
      </button>
      {hint ? <p class="small muted">{hint}</p> : null}
    </form>
  );
  return (
    <div>
      {has('deliver') ? (
        <form
          method="post"
          action={`/orders/${data.order.id}/actions/deliver`}
          enctype="multipart/form-data"
          class="card"
        >
          <CsrfField v={v} />
          <Field
            v={v}
            name="message"
            label={t.deliveryMessage}
            hint={t.deliveryHint}
            multiline
            maxlength={2000}
            required
            value={data.delivery?.draft}
            error={data.delivery?.problem}
          />
          <input type="file" name="attachment" aria-label={v.t.messages.attach} />
          <button type="submit">{t.deliver}</button>
        </form>
      ) : null}
      {has('approve') ? button('approve', t.approve, '', t.approveHint(data.autoApproveDays)) : null}
      {has('agreeCancel') ? button('agreeCancel', t.agreeCancel, 'danger') : null}
      {has('withdrawCancel') ? button('withdrawCancel', t.withdrawCancel) : null}
      {has('requestCancel') ? button('requestCancel', t.requestCancel) : null}
      {has('reportProblem') ? button('reportProblem', t.reportProblem, 'secondary', t.reportHint) : null}
      {has('resolveComplete') ? button('resolveComplete', t.resolveComplete) : null}
      {has('resolveCancel') ? button('resolveCancel', t.resolveCancel) : null}
      {has('resolveResume') ? button('resolveResume', t.resolveResume) : null}
    </div>
  );
}

function Reviews({ v, data }: { v: ViewContext; data: OrderPageData }) {
  const t = v.t.marketplace.order;
  if (data.order.status !== 'completed' || data.viewerRole === 'operator') return null;
  const typed = data.reviewForm;
  const rating = typed?.rating ?? String(data.myReview?.rating ?? 5);
  return (
    <section class="card">
      {data.theirReview ? (
        <p>
          {t.theirReview}: <Stars rating={data.theirReview.rating} /> {data.theirReview.comment}
        </p>
      ) : null}
      {data.myReview ? (
        <p>
          {t.yourReview}: <Stars rating={data.myReview.rating} /> {data.myReview.comment}
        </p>
      ) : null}
      {data.canReview || data.myReview?.editable ? (
        <form method="post" action={`/orders/${data.order.id}/review`}>
          <CsrfField v={v} />
          <h2>{data.myReview ? t.editReview : t.reviewTitle}</h2>
          <StarRadios v={v} value={rating} problem={typed?.ratingProblem ?? null} />
          <Field
            v={v}
            name="comment"
            label={t.comment}
            multiline
            maxlength={1000}
            value={typed?.comment ?? data.myReview?.comment ?? ''}
            error={typed?.commentProblem ?? undefined}
          />
          <button type="submit">{t.submitReview}</button>
        </form>
      ) : null}
    </section>
  );
}
