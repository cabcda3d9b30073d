import type { ViewContext } from '../../platform/web/env';
import { CsrfField, FormProblem, Layout } from '../../platform/web/layout';
import { formatDate } from '../../platform/web/dates';
import { CONSUMPTION_TAX_PERCENT } from '../../platform/tax';
import { TestModeNotice } from './components';

/** What the 購入確認 screen shows, and the form that repeats what the buyer chose to the charge. */
export type ConfirmView = {
  title: string;
  scope?: string | null;
  options: { title: string; priceYen: number }[];
  priceYen: number;
  taxYen: number;
  pointsUsed: number;
  chargeYen: number;
  deliveryDays: number;
  dueAt: Date;
  /** Where 購入を確定する posts, with the choices and the total this screen showed. */
  action: string;
  fields: Record<string, string>;
  backHref: string;
  problem?: string | null;
};

/** 購入確認 (特商法 §12の6): quantity, price 税込, payment, delivery and cancellation, before any charge. */
export function ConfirmPage({ v, data }: { v: ViewContext; data: ConfirmView }) {
  const t = v.t.marketplace.confirm;
  const yen = v.t.marketplace.yen;
  const row = (label: string, value: unknown, testid?: string) => (
    <tr>
      <th>{label}</th>
      <td data-testid={testid}>{value}</td>
    </tr>
  );
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <FormProblem text={data.problem} />
      <section class="card">
        <TestModeNotice v={v} />
        <p>{t.lead}</p>
        <table data-testid="purchase-confirmation">
          <tbody>
            {row(t.service, data.title)}
            {data.scope ? row(v.t.marketplace.confirm.scope, <span class="pre">{data.scope}</span>) : null}
            {row(
              t.options,
              data.options.length === 0
                ? t.noOptions
                : data.options.map((o) => (
                    <div>
                      {o.title}（+{yen(o.priceYen)}）
                    </div>
                  )),
            )}
            {row(t.quantity, t.one)}
            {row(
              t.price,
              <>
                {yen(data.priceYen)} <span class="small muted">{t.tax(CONSUMPTION_TAX_PERCENT, yen(data.taxYen))}</span>
              </>,
            )}
            {data.pointsUsed > 0 ? row(t.points, `−${v.t.marketplace.points(data.pointsUsed)}`) : null}
            {row(t.total, <strong>{yen(data.chargeYen)}</strong>, 'confirm-total')}
            {row(t.paymentMethod, t.testCard)}
            {row(t.paymentTiming, t.paymentNow)}
            {row(t.delivery, t.deliveryDays(data.deliveryDays, formatDate(v, data.dueAt)))}
            {row(t.cancellation, v.t.legal.tokushoho.cancelBody)}
          </tbody>
        </table>
        <p class="small">
          {t.agree} <a href="/terms">{t.terms}</a> · <a href="/legal/tokushoho">{t.tokushoho}</a>
        </p>
        <form method="post" action={data.action}>
          <CsrfField v={v} />
          {Object.entries(data.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit">{t.confirm}</button>
        </form>
        <p>
          <a href={data.backHref}>{t.back}</a>
        </p>
      </section>
    </Layout>
  );
}
