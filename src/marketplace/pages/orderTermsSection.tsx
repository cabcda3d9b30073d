import type { ViewContext } from '../../platform/web/env';
import { formatDate } from '../../platform/web/dates';

/** The terms an order was placed on, as kept at purchase (orders placed before they were kept have none). */
export type OrderTermsView = {
  placedAt: Date;
  priceYen: number;
  dueAt: Date;
  inspectionDays: number;
  paymentDueAt: Date;
  /** The buyer buys as a business: the same terms are then the buyer's 取引条件の明示 (フリーランス法 §3). */
  businessBuyer: boolean;
};

export function OrderTermsSection({ v, terms }: { v: ViewContext; terms: OrderTermsView | null }) {
  if (!terms) return null;
  const t = v.t.marketplace.confirm;
  return (
    <section class="card" data-testid="order-terms">
      <h2>{terms.businessBuyer ? t.statementTitle : t.termsTitle}</h2>
      {terms.businessBuyer ? <p>{t.statementLead}</p> : null}
      <table>
        <tbody>
          <tr>
            <th>{t.placedAt}</th>
            <td>{formatDate(v, terms.placedAt)}</td>
          </tr>
          <tr>
            <th>{t.amount}</th>
            <td>{v.t.marketplace.yen(terms.priceYen)}</td>
          </tr>
          <tr>
            <th>{t.dueDate}</th>
            <td>{formatDate(v, terms.dueAt)}</td>
          </tr>
          <tr>
            <th>{t.inspection}</th>
            <td>{t.inspectionDays(terms.inspectionDays)}</td>
          </tr>
          <tr>
            <th>{t.paymentDate}</th>
            <td>{t.paymentDateBody(formatDate(v, terms.paymentDueAt))}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
