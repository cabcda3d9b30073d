import { contentLang } from '../../platform/web/components';
import type { FieldErrors } from '../../platform/web/forms';
import type { ViewContext } from '../../platform/web/env';
import { CsrfField, Field, Layout, Notice, FormProblem } from '../../platform/web/layout';
import type { Balances } from '../money/ledger';
import { tradeGroups, type TradeCounts, type TradeGroup, type TradeRow, type TradeSide } from '../orders/tradeLists';
import { formatDate, formatDateTime } from '../../platform/web/dates';

/** One side of 取引管理 as the member asked for it: the state filter with its counts, one page of orders. */
export type TradeListData = {
  side: TradeSide;
  group: TradeGroup | null;
  page: number;
  counts: TradeCounts;
  items: (TradeRow & { unread: number })[];
  hasNext: boolean;
};

export type MyPageData = { lists: TradeListData[]; balances: Balances; unreadMessages: number; notice: string | null };

export function MyPage({ v, data }: { v: ViewContext; data: MyPageData }) {
  const t = v.t.marketplace;
  const b = data.balances;
  return (
    <Layout v={v} title={t.mypage.title} noindex>
      <h1>{t.mypage.title}</h1>
      <Notice text={data.notice} />
      <div class="grid">
        <section class="card">
          <h2>{t.mypage.balance}</h2>
          <p class="text-xl" data-testid="sales-balance">
            {t.yen(b.salesYen)}
          </p>
          {b.payoutsInProgressYen > 0 ? (
            <p class="small">{t.mypage.payoutsInProgress(b.payoutsInProgressYen)}</p>
          ) : null}
          <a href="/mypage/payouts">{t.mypage.requestPayout}</a>
          <p>
            <a href="/mypage/figures">{v.t.trading.figures.link}</a>
          </p>
        </section>
        <section class="card">
          <h2>{t.mypage.points}</h2>
          <p class="text-xl" data-testid="points-balance">
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
            <a href="/mypage/services">{t.mypage.myServices}</a> · <a href="/services/new">{t.mypage.newService}</a> ·{' '}
            <a href="/mypage/inquiries">{v.t.support.mineTitle}</a> ·{' '}
            <a href="/mypage/favorites">{v.t.favorites.link}</a> · <a href="/mypage/documents">{v.t.documents.link}</a>
          </p>
        </section>
      </div>
      {data.lists.map((list) => (
        <TradeList v={v} list={list} />
      ))}
    </Layout>
  );
}

function tradesLink(side: TradeSide, group: TradeGroup | null, page = 1): string {
  const params = new URLSearchParams({ side });
  if (group) params.set('state', group);
  if (page > 1) params.set('page', String(page));
  return `/mypage?${params.toString()}`;
}

function TradeList({ v, list }: { v: ViewContext; list: TradeListData }) {
  const t = v.t.marketplace.mypage;
  const title = list.side === 'purchases' ? t.purchases : t.sales;
  const emptyText = list.counts.total === 0 ? t.none : list.page > 1 ? t.pageEmpty : t.noneInGroup;
  const filters: [TradeGroup | null, string, number][] = [
    [null, t.all, list.counts.total],
    ...tradeGroups.map((g): [TradeGroup, string, number] => [g, t.groups[g], list.counts.byGroup[g]]),
  ];
  return (
    <section class="card" data-testid={list.side} id={list.side}>
      <h2>
        <a href={tradesLink(list.side, null)}>{title}</a>
      </h2>
      <nav aria-label={t.filterLabel(title)} data-testid={`${list.side}-states`} class="chips">
        {filters.map(([group, label, n]) =>
          group === list.group ? (
            <strong aria-current="page">{t.count(label, n)}</strong>
          ) : (
            <a href={tradesLink(list.side, group)}>{t.count(label, n)}</a>
          ),
        )}
      </nav>
      {list.items.length === 0 ? (
        <p>
          {emptyText}
          {list.page > 1 ? (
            <>
              {' '}
              <a href={tradesLink(list.side, list.group)}>{t.firstPage}</a>
            </>
          ) : null}
        </p>
      ) : (
        <TradeTable v={v} list={list} />
      )}
      {list.page > 1 || list.hasNext ? (
        <nav class="chips" aria-label={t.pagesLabel(title)}>
          {list.page > 1 && list.items.length > 0 ? (
            <a href={tradesLink(list.side, list.group, list.page - 1)}>{t.prev}</a>
          ) : null}
          {list.hasNext ? <a href={tradesLink(list.side, list.group, list.page + 1)}>{t.next}</a> : null}
        </nav>
      ) : null}
    </section>
  );
}

function TradeTable({ v, list }: { v: ViewContext; list: TradeListData }) {
  const t = v.t.marketplace.mypage;
  return (
    <table class="stack">
      <thead>
        <tr>
          <th>{t.columns.title}</th>
          <th>{t.columns.counterpart}</th>
          <th>{t.columns.price}</th>
          <th>{t.columns.state}</th>
          <th>{t.columns.date}</th>
          <th>{t.columns.unread}</th>
        </tr>
      </thead>
      <tbody>
        {list.items.map((o, i) => (
          <>
            {list.group === null && o.group !== list.items[i - 1]?.group ? (
              <tr>
                <th colspan={6} scope="colgroup">
                  {t.groups[o.group]}
                </th>
              </tr>
            ) : null}
            <tr data-testid="trade">
              <td>
                <a class="title" href={`/orders/${o.id}`} lang={contentLang(v.locale, o.title)}>
                  {o.title}
                </a>
              </td>
              <td data-label={t.columns.counterpart}>{o.counterpartName ?? v.t.common.withdrawnUser}</td>
              <td data-label={t.columns.price}>{v.t.marketplace.yen(o.priceYen)}</td>
              <td data-label={t.columns.state}>
                <span class="pill">{t.groups[o.group]}</span>
              </td>
              <td class="small" data-label={t.columns.date}>
                {formatDate(v, o.createdAt)}
              </td>
              <td>{o.unread > 0 ? <span class="pill">{t.unreadInRoom(o.unread)}</span> : null}</td>
            </tr>
          </>
        ))}
      </tbody>
    </table>
  );
}

type PayoutRow = {
  id: string;
  amountYen: number;
  feeYen: number;
  status: 'requested' | 'paid' | 'rejected';
  requestedAt: Date;
};

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
          <Field
            v={v}
            name="amountYen"
            type="number"
            label={t.amount}
            hint={t.hint(props.fee, props.minimum)}
            value={props.values?.amountYen}
            error={props.errors?.amountYen?.(v.t)}
            required
          />
          <button type="submit">{t.submit}</button>
        </form>
      </section>
      <section class="card narrow" id="account">
        <h2>{t.accountTitle}</h2>
        <p>{t.accountLead}</p>
        <p data-testid="payout-account">
          {props.account
            ? t.accountSaved(
                props.account.bankCode,
                props.account.branchCode,
                props.account.accountNumber.slice(-4),
                props.account.holderKana,
              )
            : t.accountNone}
        </p>
        <FormProblem text={props.accountErrors?.form?.(v.t)} />
        <form method="post" action="/mypage/payouts/account" novalidate>
          <CsrfField v={v} />
          <BankAccountFields v={v} values={props.accountValues} errors={props.accountErrors} />
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

/** 振込先口座's fields: the member's own form, and the operator's for a former member's balance. */
export function BankAccountFields({
  v,
  values,
  errors,
}: {
  v: ViewContext;
  values?: Partial<Record<PayoutAccountFields, string>>;
  errors?: FieldErrors<PayoutAccountFields | 'form'>;
}) {
  const t = v.t.marketplace.payout;
  return (
    <>
      <Field
        v={v}
        name="bankCode"
        label={t.bankCode}
        value={values?.bankCode}
        error={errors?.bankCode?.(v.t)}
        required
        maxlength={4}
      />
      <Field
        v={v}
        name="branchCode"
        label={t.branchCode}
        value={values?.branchCode}
        error={errors?.branchCode?.(v.t)}
        required
        maxlength={3}
      />
      <div class="field">
        <label for="f-accountType">{t.accountType}</label>
        <select id="f-accountType" name="accountType">
          {(['ordinary', 'current'] as const).map((k) => (
            <option value={k} selected={values?.accountType === k}>
              {t.accountTypes[k]}
            </option>
          ))}
        </select>
      </div>
      <Field
        v={v}
        name="accountNumber"
        label={t.accountNumber}
        value={values?.accountNumber}
        error={errors?.accountNumber?.(v.t)}
        required
        maxlength={7}
      />
      <Field
        v={v}
        name="holderKana"
        label={t.holderKana}
        value={values?.holderKana}
        error={errors?.holderKana?.(v.t)}
        required
        maxlength={40}
      />
    </>
  );
}
