import type { ViewContext } from '../platform/web/env';
import type { FieldErrors } from '../platform/web/forms';
import { CsrfField, Field, FormErrorSummary, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import type { FailedMail } from './failedMail';
import { AdminNav } from './nav';

type PendingPayout = {
  payout: { id: string; amountYen: number; feeYen: number; requestedAt: Date };
  username: string;
  displayName: string;
  account: {
    bankCode: string;
    branchCode: string;
    accountType: 'ordinary' | 'current';
    accountNumber: string;
    holderKana: string;
  } | null;
};
type Dispute = { id: string; titleSnapshot: string; disputedAt: Date | null; priceYen: number };
/** A points grant the operator sent back with problems: what they typed and what is wrong, field by field. */
export type GrantFormState = { values: Record<string, string>; errors: FieldErrors<'username' | 'amount' | 'note'> };

export function AdminHomePage({
  v,
  pending,
  disputes,
  failedMail,
  notice,
  grant,
}: {
  v: ViewContext;
  pending: PendingPayout[];
  disputes: Dispute[];
  failedMail: FailedMail[];
  notice: string | null;
  grant?: GrantFormState;
}) {
  const t = v.t.admin.console;
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
                  {p.account
                    ? `${p.account.bankCode}-${p.account.branchCode} ${v.t.marketplace.payout.accountTypes[p.account.accountType]} ${p.account.accountNumber} ${p.account.holderKana}`
                    : '-'}
                </td>
                <td>
                  {(['paid', 'rejected'] as const).map((d) => (
                    <form method="post" action={`/admin/payouts/${p.payout.id}/${d}`} class="inline-block mr-2">
                      <CsrfField v={v} />
                      <button type="submit" class={d === 'paid' ? 'mt-0' : 'secondary mt-0'}>
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
              <a href={`/orders/${d.id}`}>{d.titleSnapshot}</a> · {v.t.marketplace.yen(d.priceYen)}{' '}
              {d.disputedAt ? `· ${formatDateTime(v, d.disputedAt)}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <FailedMailSection v={v} mails={failedMail} />
      <section class="card narrow">
        <h2>{t.grantPoints}</h2>
        <form method="post" action="/admin/points" novalidate>
          <FormErrorSummary v={v} show={!!grant} />
          <CsrfField v={v} />
          <Field
            v={v}
            name="username"
            label={t.grantTo}
            value={grant?.values.username}
            error={grant?.errors.username?.(v.t)}
            required
            maxlength={40}
          />
          <Field
            v={v}
            name="amount"
            type="number"
            label={t.grantAmount}
            value={grant?.values.amount}
            error={grant?.errors.amount?.(v.t)}
            required
          />
          <Field
            v={v}
            name="note"
            label={t.grantNote}
            value={grant?.values.note}
            error={grant?.errors.note?.(v.t)}
            required
            maxlength={100}
          />
          <button type="submit">{t.grantPoints}</button>
        </form>
      </section>
    </Layout>
  );
}

function FailedMailSection({ v, mails }: { v: ViewContext; mails: FailedMail[] }) {
  const t = v.t.admin.failedMail;
  return (
    <section class="card" data-testid="failed-mail">
      <h2>{t.title}</h2>
      {mails.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <>
          <p>{t.lead}</p>
          <table>
            <tbody>
              {mails.map((m) => (
                <tr>
                  <td>{formatDateTime(v, m.createdAt)}</td>
                  <td>{m.toAddress}</td>
                  <td>{m.subject}</td>
                  <td>
                    {t.attempts(m.attempts)}
                    {m.lastError ? <small class="hint"> {m.lastError}</small> : null}
                  </td>
                  <td>
                    <form method="post" action={`/admin/mail/${m.id}/resend`}>
                      <CsrfField v={v} />
                      <button class="mt-0" type="submit">
                        {t.resend}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
