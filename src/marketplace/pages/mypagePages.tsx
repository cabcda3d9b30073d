import type { FieldErrors } from '../../platform/web/forms';
import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Field, Layout, Notice, FormProblem } from '../../platform/web/layout';
import type { Balances } from '../money/ledger';
import type { OrderStatus } from '../schema';
import { formatDate, formatDateTime } from './components';

type OrderRow = { id: string; title: string; status: OrderStatus; priceYen: number; createdAt: Date; counterpartName: string | null };

export type MyPageData = { purchases: OrderRow[]; sales: OrderRow[]; balances: Balances; unreadMessages: number };

export function MyPage({ v, data }: { v: ViewContext; data: MyPageData }) {
  const t = v.t.marketplace;
  const b = data.balances;
  return (
    <Layout v={v} title={t.mypage.title} noindex>
      <h1>{t.mypage.title}</h1>
      <div class="grid">
        <section class="card">
          <h2>{t.mypage.balance}</h2>
          <p data-testid="sales-balance" style="font-size:1.4rem">
            {t.yen(b.salesYen)}
          </p>
          {b.payoutsInProgressYen > 0 ? <p class="small">{t.mypage.payoutsInProgress(b.payoutsInProgressYen)}</p> : null}
          <a href="/mypage/payouts">{t.mypage.requestPayout}</a>
        </section>
        <section class="card">
          <h2>{t.mypage.points}</h2>
          <p data-testid="points-balance" style="font-size:1.4rem">
            {t.points(b.pointsYen)}
          </p>
          {b.pointLots.slice(0, 3).map((lot) => (
            <p class="small">{t.mypage.expiring(lot.remaining, formatDate(v, lot.expiresAt))}</p>
          ))}
        </section>
        <section class="card">
          <h2>{t.mypage.messages}</h2>
          <p>
            <a href="/messages">{t.mypage.unread(data.unreadMessages)}</a>
          </p>
          <p>
            <a href="/mypage/services">{t.mypage.myServices}</a> · <a href="/services/new">{t.mypage.newService}</a> · <a href="/mypage/inquiries">{v.t.support.mineTitle}</a>
          </p>
        </section>
      </div>
      <OrderTable v={v} title={t.mypage.purchases} rows={data.purchases} testId="purchases" />
      <OrderTable v={v} title={t.mypage.sales} rows={data.sales} testId="sales" />
    </Layout>
  );
}

function OrderTable({ v, title, rows, testId }: { v: ViewContext; title: string; rows: OrderRow[]; testId: string }) {
  const t = v.t.marketplace;
  return (
    <section class="card" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p>{t.mypage.none}</p> : null}
      <table>
        <tbody>
          {rows.map((o) => (
            <tr>
              <td>
                <a href={`/orders/${o.id}`}>{o.title}</a>
              </td>
              <td>{o.counterpartName ?? v.t.common.withdrawnUser}</td>
              <td>{t.yen(o.priceYen)}</td>
              <td>
                <span class="pill">{t.status[o.status]}</span>
              </td>
              <td class="small">{formatDate(v, o.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type PayoutRow = { id: string; amountYen: number; feeYen: number; status: 'requested' | 'paid' | 'rejected'; requestedAt: Date };

type PayoutAccountRow = { bankCode: string; branchCode: string; accountNumber: string; holderKana: string };
type PayoutAccountFields = 'bankCode' | 'branchCode' | 'accountType' | 'accountNumber' | 'holderKana';

export function PayoutPage(props: {
  v: ViewContext;
  balance: number;
  fee: number;
  minimum: number;
  history: PayoutRow[];
  account: PayoutAccountRow | null;
  values?: { amountYen?: string };
  errors?: FieldErrors<'amountYen'>;
  accountValues?: Partial<Record<PayoutAccountFields, string>>;
  accountErrors?: FieldErrors<PayoutAccountFields | 'form'>;
  notice?: string | null;
}) {
  const { v } = props;
  const t = v.t.marketplace.payout;
  return (
    <Layout v={v} title={t.title} noindex>
      <section class="card narrow">
        <h1>{t.title}</h1>
        <Notice text={props.notice} />
        <p data-testid="payout-balance">{t.balance(props.balance)}</p>
        <form method="post" action="/mypage/payouts" novalidate>
          <CsrfField v={v} />
          <Field v={v} name="amountYen" type="number" label={t.amount} hint={t.hint(props.fee, props.minimum)} value={props.values?.amountYen} error={props.errors?.amountYen?.(v.t)} required />
          <button type="submit">{t.submit}</button>
        </form>
      </section>
      <section class="card narrow" id="account">
        <h2>{t.accountTitle}</h2>
        <p>{t.accountLead}</p>
        <p data-testid="payout-account">{props.account ? t.accountSaved(props.account.bankCode, props.account.branchCode, props.account.accountNumber.slice(-4), props.account.holderKana) : t.accountNone}</p>
        <FormProblem text={props.accountErrors?.form?.(v.t)} />
        <form method="post" action="/mypage/payouts/account" novalidate>
          <CsrfField v={v} />
          <Field v={v} name="bankCode" label={t.bankCode} value={props.accountValues?.bankCode} error={props.accountErrors?.bankCode?.(v.t)} required maxlength={4} />
          <Field v={v} name="branchCode" label={t.branchCode} value={props.accountValues?.branchCode} error={props.accountErrors?.branchCode?.(v.t)} required maxlength={3} />
          <div class="field">
            <label for="f-accountType">{t.accountType}</label>
            <select id="f-accountType" name="accountType">
              {(['ordinary', 'current'] as const).map((k) => (
                <option value={k} selected={props.accountValues?.accountType === k}>
                  {t.accountTypes[k]}
                </option>
              ))}
            </select>
          </div>
          <Field v={v} name="accountNumber" label={t.accountNumber} value={props.accountValues?.accountNumber} error={props.accountErrors?.accountNumber?.(v.t)} required maxlength={7} />
          <Field v={v} name="holderKana" label={t.holderKana} value={props.accountValues?.holderKana} error={props.accountErrors?.holderKana?.(v.t)} required maxlength={40} />
          <button type="submit" class="secondary">
            {t.accountSubmit}
          </button>
        </form>
      </section>
      <section class="card">
        <h2>{t.history}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.requestedAt}</th>
              <th>{t.amountCol}</th>
              <th>{t.fee}</th>
              <th>{t.statusCol}</th>
            </tr>
          </thead>
          <tbody>
            {props.history.map((p) => (
              <tr>
                <td>{formatDateTime(v, p.requestedAt)}</td>
                <td>{v.t.marketplace.yen(p.amountYen)}</td>
                <td>{v.t.marketplace.yen(p.feeYen)}</td>
                <td>{v.t.marketplace.status[p.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
