import { logOperatorAction } from '../trust/operatorLog';
import { desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { parseForm, field, textField } from '../platform/web/forms';
import { currentMember, formBody, render } from '../platform/web/http';
import { DAY } from '../platform/clock';
import { members } from '../accounts/schema';
import { grantPoints } from '../marketplace/money/ledger';
import { decidePayout } from '../marketplace/money/payouts';
import { orders, payoutAccounts, payouts } from '../marketplace/schema';
import { AdminHomePage } from './pages';
import { operatorsOnly } from './guard';
import { withdrawalReport, WithdrawalReportPage } from './withdrawals';
import { retentionAdminRoutes } from './retention';
import { privacyRequestRoutes } from './privacyRequests';
import { trustAdminRoutes } from './trustRoutes';

const grantForm = {
  username: field(z.string().trim().min(1).max(40), (t) => t.marketplace.admin.noMember),
  amount: field(z.string().trim().regex(/^\d{1,7}$/).transform(Number).pipe(z.number().min(1)), (t) => t.marketplace.errors.wholeYen),
  note: textField(z.string().trim().min(1).max(100)),
};

export function adminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/admin', operatorsOnly);
  app.use('/admin/*', operatorsOnly);

  app.get('/admin', async (c) => {
    const db = c.get('deps').db;
    const pending = await db
      .select({ payout: payouts, username: members.username, displayName: members.displayName, account: payoutAccounts })
      .from(payouts)
      .leftJoin(payoutAccounts, eq(payoutAccounts.memberId, payouts.memberId))
      .innerJoin(members, eq(members.id, payouts.memberId))
      .where(eq(payouts.status, 'requested'))
      .orderBy(payouts.requestedAt)
      .limit(100);
    const disputes = await db.select().from(orders).where(eq(orders.status, 'disputed')).orderBy(desc(orders.disputedAt)).limit(100);
    const notice = c.req.query('notice') === 'granted' ? c.get('view').t.marketplace.admin.grantDone : null;
    return render(c, <AdminHomePage v={c.get('view')} pending={pending} disputes={disputes} notice={notice} />);
  });

  app.route('/', retentionAdminRoutes());
  app.route('/', privacyRequestRoutes());
  app.route('/', trustAdminRoutes());
  app.get('/admin/withdrawals', async (c) => render(c, <WithdrawalReportPage v={c.get('view')} report={await withdrawalReport(c.get('deps').db)} />));

  app.post('/admin/payouts/:id/:decision{paid|rejected}', async (c) => {
    const id = c.req.param('id');
    if (z.string().uuid().safeParse(id).success) await decidePayout(c.get('deps'), currentMember(c).id, id, c.req.param('decision') as 'paid' | 'rejected');
    return c.redirect('/admin', 303);
  });

  app.post('/admin/points', async (c) => {
    const deps = c.get('deps');
    const form = parseForm(grantForm, await formBody(c));
    const [member] = form.ok ? await deps.db.select().from(members).where(sql`lower(${members.username}) = ${form.value.username.toLowerCase()}`) : [];
    if (!form.ok || !member || member.status === 'withdrawn') return c.redirect('/admin?notice=invalid', 303);
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + deps.config.marketplace.pointsValidDays * DAY);
    await deps.db.transaction(async (tx) => {
      await grantPoints(tx, { memberId: member.id, amount: form.value.amount, expiresAt, note: `${form.value.note} (by ${currentMember(c).username})` }, now);
      await logOperatorAction(tx, currentMember(c), 'points_granted', member.id, `${form.value.amount} (${form.value.note})`, now);
    });
    return c.redirect('/admin?notice=granted', 303);
  });
  return app;
}
