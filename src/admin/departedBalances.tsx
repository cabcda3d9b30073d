import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv, ViewContext } from '../platform/web/env';
import type { FieldErrors } from '../platform/web/forms';
import { keepValues, parseForm } from '../platform/web/forms';
import { notFoundPage } from '../platform/web/errors';
import { currentMember, formBody, render } from '../platform/web/http';
import { CsrfField, FormProblem, Layout, Notice } from '../platform/web/layout';
import { formatDateTime } from '../platform/web/dates';
import { payoutAccountForm } from '../marketplace/forms';
import { departedBalances, payDepartedBalance } from '../marketplace/money/departedBalances';
import { BankAccountFields } from '../marketplace/pages/mypagePages';
import { AdminNav } from './nav';

type Owed = Awaited<ReturnType<typeof departedBalances>>[number];
type AccountField = keyof typeof payoutAccountForm;

function DepartedBalancesPage({ v, rows, notice }: { v: ViewContext; rows: Owed[]; notice: string | null }) {
  const t = v.t.admin.departed;
  return (
    <Layout v={v} title={t.title} noindex>
      <AdminNav v={v} />
      <h1>{t.title}</h1>
      <Notice text={notice} />
      <p>{t.lead}</p>
      {rows.length === 0 ? (
        <p data-testid="departed-none">{t.none}</p>
      ) : (
        <table class="card" data-testid="departed-balances">
          <thead>
            <tr>
              <th>@</th>
              <th>{t.withdrawnAt}</th>
              <th>{t.balance}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>@{row.username}</td>
                <td>{formatDateTime(v, row.withdrawnAt)}</td>
                <td>{v.t.marketplace.yen(row.balanceYen)}</td>
                <td>
                  <a href={`/admin/payouts/departed/${row.memberId}`}>{t.enter}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function PayDepartedPage(props: {
  v: ViewContext;
  row: Owed;
  values?: Partial<Record<AccountField, string>>;
  errors?: FieldErrors<AccountField | 'form'>;
}) {
  const { v, row } = props;
  const t = v.t.admin.departed;
  return (
    <Layout v={v} title={t.payTitle(row.username)} noindex>
      <AdminNav v={v} />
      <section class="card narrow">
        <h1>{t.payTitle(row.username)}</h1>
        <p data-testid="departed-owed">
          {t.balance}: {v.t.marketplace.yen(row.balanceYen)}
        </p>
        <FormProblem text={props.errors?.form?.(v.t)} />
        <form method="post" action={`/admin/payouts/departed/${row.memberId}`} novalidate>
          <CsrfField v={v} />
          <BankAccountFields v={v} values={props.values} errors={props.errors} />
          <button type="submit">{t.submit}</button>
        </form>
      </section>
    </Layout>
  );
}

async function owedTo(c: Context<AppEnv>, memberId: string) {
  if (!z.string().uuid().safeParse(memberId).success) return null;
  return (await departedBalances(c.get('deps').db)).find((r) => r.memberId === memberId) ?? null;
}

/** /admin/payouts/departed: money still owed to members who left, and paying it to the account they gave support. */
export function departedBalanceRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/admin/payouts/departed', async (c) => {
    const notice = c.req.query('notice') === 'requested' ? c.get('view').t.admin.departed.done : null;
    return render(
      c,
      <DepartedBalancesPage v={c.get('view')} rows={await departedBalances(c.get('deps').db)} notice={notice} />,
    );
  });
  app.get('/admin/payouts/departed/:memberId', async (c) => {
    const row = await owedTo(c, c.req.param('memberId'));
    return row ? render(c, <PayDepartedPage v={c.get('view')} row={row} />) : notFoundPage(c);
  });
  app.post('/admin/payouts/departed/:memberId', async (c) => {
    const row = await owedTo(c, c.req.param('memberId'));
    if (!row) return notFoundPage(c);
    const body = await formBody(c);
    const values = keepValues(body, ['bankCode', 'branchCode', 'accountType', 'accountNumber', 'holderKana']);
    const form = parseForm(payoutAccountForm, body);
    if (!form.ok)
      return render(c, <PayDepartedPage v={c.get('view')} row={row} values={values} errors={form.errors} />, 422);
    const result = await payDepartedBalance(c.get('deps'), currentMember(c), row.memberId, form.value);
    if (!result.ok) {
      const problem = result.problem;
      return render(
        c,
        <PayDepartedPage
          v={c.get('view')}
          row={row}
          values={values}
          errors={{ form: (t) => t.admin.departed[problem] }}
        />,
        422,
      );
    }
    return c.redirect('/admin/payouts/departed?notice=requested', 303);
  });
  return app;
}
