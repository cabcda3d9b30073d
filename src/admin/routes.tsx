import { desc, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { parseForm, field, keepValues, textField } from '../platform/web/forms';
import { currentMember, formBody, render } from '../platform/web/http';
import { members } from '../accounts/schema';
import { decidePayout } from '../marketplace/money/payouts';
import { orders, payoutAccounts, payouts } from '../marketplace/schema';
import { failedMail, resendFailedMail } from './failedMail';
import { grantPointsByOperator } from './grantPoints';
import { AdminHomePage, type GrantFormState } from './pages';
import { operatorsOnly } from './guard';
import { departedBalanceRoutes } from './departedBalances';
import { withdrawalReport, WithdrawalReportPage } from './withdrawals';
import { retentionAdminRoutes } from './retention';
import { privacyRequestRoutes } from './privacyRequests';
import { trustAdminRoutes } from './trustRoutes';
import { reportAdminRoutes } from '../reports/routes';
import { documentAdminRoutes } from '../documents/adminRoutes';

const grantForm = {
  username: textField(z.string().trim().min(1).max(40)),
  amount: field(
    z
      .string()
      .trim()
      .regex(/^\d{1,7}$/)
      .transform(Number)
      .pipe(z.number().min(1)),
    (t) => t.admin.grant.amountInvalid,
  ),
  note: textField(z.string().trim().min(1).max(100)),
};

export function adminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/admin', operatorsOnly);
  app.use('/admin/*', operatorsOnly);

  app.get('/admin', (c) => {
    const t = c.get('view').t;
    const notices: Record<string, string> = { granted: t.admin.console.grantDone, resent: t.admin.failedMail.resent };
    return renderHome(c, { notice: notices[c.req.query('notice') ?? ''] ?? null });
  });

  app.route('/', retentionAdminRoutes());
  app.route('/', privacyRequestRoutes());
  app.route('/', departedBalanceRoutes());
  app.route('/', trustAdminRoutes());
  app.route('/', reportAdminRoutes());
  app.route('/', documentAdminRoutes());
  app.get('/admin/withdrawals', async (c) =>
    render(c, <WithdrawalReportPage v={c.get('view')} report={await withdrawalReport(c.get('deps').db)} />),
  );

  app.post('/admin/payouts/:id/:decision{paid|rejected}', async (c) => {
    const id = c.req.param('id');
    if (z.string().uuid().safeParse(id).success)
      await decidePayout(c.get('deps'), currentMember(c).id, id, c.req.param('decision') as 'paid' | 'rejected');
    return c.redirect('/admin', 303);
  });

  app.post('/admin/mail/:id/resend', async (c) => {
    const id = c.req.param('id');
    if (z.string().uuid().safeParse(id).success) await resendFailedMail(c.get('deps'), currentMember(c), id);
    return c.redirect('/admin?notice=resent', 303);
  });

  app.post('/admin/points', async (c) => {
    const body = await formBody(c);
    const values = keepValues(body, ['username', 'amount', 'note']);
    const form = parseForm(grantForm, body);
    if (!form.ok) return renderHome(c, { grant: { values, errors: form.errors } }, 422);
    const granted = await grantPointsByOperator(c.get('deps'), currentMember(c), form.value);
    if (!granted.ok) return renderHome(c, { grant: { values, errors: granted.errors } }, 422);
    return c.redirect('/admin?notice=granted', 303);
  });
  return app;
}

/** The console's front page: what waits for an operator (payouts, disputes, mail that could not be sent) and the points form. */
async function renderHome(
  c: Context<AppEnv>,
  state: { notice?: string | null; grant?: GrantFormState },
  status: ContentfulStatusCode = 200,
) {
  const db = c.get('deps').db;
  const pending = await db
    .select({ payout: payouts, username: members.username, displayName: members.displayName, account: payoutAccounts })
    .from(payouts)
    .leftJoin(payoutAccounts, eq(payoutAccounts.memberId, payouts.memberId))
    .innerJoin(members, eq(members.id, payouts.memberId))
    .where(eq(payouts.status, 'requested'))
    .orderBy(payouts.requestedAt)
    .limit(100);
  const disputes = await db
    .select()
    .from(orders)
    .where(eq(orders.status, 'disputed'))
    .orderBy(desc(orders.disputedAt))
    .limit(100);
  return render(
    c,
    <AdminHomePage
      v={c.get('view')}
      pending={pending}
      disputes={disputes}
      failedMail={await failedMail(db)}
      notice={state.notice ?? null}
      grant={state.grant}
    />,
    status,
  );
}
