import { desc, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../platform/web/env';
import { keepValues, parseForm } from '../platform/web/forms';
import { actionContext, currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { recentAuthRequired } from '../security/reauth';
import { unreadByRoom } from '../messages/messaging';
import { payoutAccountForm, payoutForm } from './forms';
import { payoutAccountOf, savePayoutAccount } from './money/payoutAccounts';
import { memberBalances, salesBalance } from './money/ledger';
import { requestPayout } from './money/payouts';
import { ordersOf } from './orders/queries';
import { MyPage, PayoutPage } from './pages/mypagePages';
import { MyServicesPage } from './pages/servicePages';
import { payouts } from './schema';
import { servicesOfSeller } from './services/queries';

async function renderPayouts(c: Context<AppEnv>, extra: Omit<Partial<Parameters<typeof PayoutPage>[0]>, 'v'> = {}, status: 200 | 422 = 200) {
  const deps = c.get('deps');
  const member = currentMember(c);
  const history = await deps.db.select().from(payouts).where(eq(payouts.memberId, member.id)).orderBy(desc(payouts.requestedAt)).limit(50);
  const { payoutFeeYen, payoutMinYen } = deps.config.marketplace;
  return render(
    c,
    <PayoutPage
      v={c.get('view')}
      balance={await salesBalance(deps.db, member.id)}
      fee={payoutFeeYen}
      minimum={Math.max(payoutMinYen, payoutFeeYen + 1)}
      history={history}
      account={await payoutAccountOf(deps.db, member.id)}
      {...extra}
    />,
    status,
  );
}

export function mypageRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/mypage', memberOnly);
  app.use('/mypage/*', memberOnly);

  app.get('/mypage', async (c) => {
    const deps = c.get('deps');
    const member = currentMember(c);
    const unread = [...(await unreadByRoom(deps.db, member.id)).values()].reduce((a, b) => a + b, 0);
    return render(
      c,
      <MyPage
        v={c.get('view')}
        data={{
          purchases: await ordersOf(deps.db, member.id, 'buyer'),
          sales: await ordersOf(deps.db, member.id, 'seller'),
          balances: await memberBalances(deps.db, member.id, deps.clock.now()),
          unreadMessages: unread,
        }}
      />,
    );
  });

  app.get('/mypage/services', async (c) => render(c, <MyServicesPage v={c.get('view')} items={await servicesOfSeller(c.get('deps').db, currentMember(c).id, { own: true })} />));

  app.get('/mypage/payouts', (c) => {
    const t = c.get('view').t.marketplace.payout;
    const notices: Record<string, string> = { requested: t.done, 'account-saved': t.accountDone };
    return renderPayouts(c, { notice: notices[c.req.query('notice') ?? ''] ?? null });
  });
  // Where the money goes is as sensitive as a password: it needs a recent proof of identity.
  app.use('/mypage/payouts/account', recentAuthRequired);
  app.post('/mypage/payouts/account', async (c) => {
    const body = await formBody(c);
    const accountValues = keepValues(body, ['bankCode', 'branchCode', 'accountType', 'accountNumber', 'holderKana']);
    const form = parseForm(payoutAccountForm, body);
    if (!form.ok) return renderPayouts(c, { accountValues, accountErrors: form.errors }, 422);
    const problem = await savePayoutAccount(c.get('deps'), currentMember(c), form.value, actionContext(c).origin);
    if (problem) return renderPayouts(c, { accountValues, accountErrors: { form: problem } }, 422);
    return c.redirect('/mypage/payouts?notice=account-saved#account', 303);
  });
  app.post('/mypage/payouts', async (c) => {
    const body = await formBody(c);
    const values = keepValues(body, ['amountYen']);
    const form = parseForm(payoutForm, body);
    if (!form.ok) return renderPayouts(c, { values, errors: form.errors }, 422);
    const result = await requestPayout(c.get('deps'), currentMember(c), form.value.amountYen);
    if (!result.ok) return renderPayouts(c, { values, errors: { amountYen: result.problem } }, 422);
    return c.redirect('/mypage/payouts?notice=requested', 303);
  });
  return app;
}
