import type { ViewContext } from '../platform/web/env';
import { CsrfField, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../marketplace/pages/components';
import { AdminNav } from './nav';

type PendingPayout = {
  payout: { id: string; amountYen: number; feeYen: number; requestedAt: Date };
  username: string;
  displayName: string;
  account: { bankCode: string; branchCode: string; accountType: 'ordinary' | 'current'; accountNumber: string; holderKana: string } | null;
};
type Dispute = { id: string; titleSnapshot: string; disputedAt: Date | null; priceYen: number };

export function AdminHomePage({ v, pending, disputes, notice }: { v: ViewContext; pending: PendingPayout[]; disputes: Dispute[]; notice: string | null }) {
  const t = v.t.marketplace.admin;
  return (
    <Layout v={v} title={t.title} noindex>
      <h1>{t.title}</h1>
      <Notice text={notice} />
      <AdminNav v={v} />
      <section class="card">
        <h2>{t.payouts}</h2>
        {pending.length === 0 ? <p>{t.none}</p> : null}
        <table>
          <tbody>
            {pending.map((p) => (
              <tr>
                <td>{formatDateTime(v, p.payout.requestedAt)}</td>
                <td>
                  {p.displayName} (@{p.username})
                </td>
                <td>{v.t.marketplace.yen(p.payout.amountYen)}</td>
                <td data-testid="payout-destination">
                  {p.account ? `${p.account.bankCode}-${p.account.branchCode} ${v.t.marketplace.payout.accountTypes[p.account.accountType]} ${p.account.accountNumber} ${p.account.holderKana}` : '-'}
                </td>
                <td>
                  {(['paid', 'rejected'] as const).map((d) => (
                    <form method="post" action={`/admin/payouts/${p.payout.id}/${d}`} style="display:inline-block;margin-right:6px">
                      <CsrfField v={v} />
                      <button type="submit" class={d === 'paid' ? '' : 'secondary'} style="margin-top:0">
                        {d === 'paid' ? t.markPaid : t.reject}
                      </button>
                    </form>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t.disputes}</h2>
        {disputes.length === 0 ? <p>{t.none}</p> : null}
        <ul>
          {disputes.map((d) => (
            <li>
              <a href={`/orders/${d.id}`}>{d.titleSnapshot}</a> · {v.t.marketplace.yen(d.priceYen)} {d.disputedAt ? `· ${formatDateTime(v, d.disputedAt)}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section class="card narrow">
        <h2>{t.grantPoints}</h2>
        <form method="post" action="/admin/points">
          <CsrfField v={v} />
          <label for="g-username">{t.grantTo}</label>
          <input id="g-username" type="text" name="username" required />
          <label for="g-amount">{t.grantAmount}</label>
          <input id="g-amount" type="number" name="amount" min="1" required />
          <label for="g-note">{t.grantNote}</label>
          <input id="g-note" type="text" name="note" required maxlength={100} />
          <button type="submit">{t.grantPoints}</button>
        </form>
      </section>
    </Layout>
  );
}
