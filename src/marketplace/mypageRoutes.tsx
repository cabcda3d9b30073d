import { desc, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../platform/web/env';
import { keepValues, parseForm } from '../platform/web/forms';
import { actionContext, currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { recentAuthRequired } from '../security/sessions/reauth';
import { unreadByRoom } from '../messages/messaging';
import { payoutAccountForm, payoutForm } from './forms';
import { payoutAccountOf, savePayoutAccount } from './money/payoutAccounts';
import { memberBalances, salesBalance } from './money/ledger';
import { requestPayout } from './money/payouts';
import { tradeCounts, tradeGroups, tradeSides, tradesPage } from './orders/tradeLists';
import { MyPage, PayoutPage } from './pages/mypagePages';
import { MyServicesPage } from './pages/servicePages';
import { payouts } from './schema';
import { servicesOfSeller } from './services/queries';

async function renderPayouts(
  c: Context<AppEnv>,
  extra: Omit<Partial<Parameters<typeof PayoutPage>[0]>, 'v'> = {},
  status: 200 | 422 = 200,
) {
  const deps = c.get('deps');
  const member = currentMember(c);
  const history = await deps.db
    .select()
    .from(payouts)
    .where(eq(payouts.memberId, member.id))
    .orderBy(desc(payouts.requestedAt))
    .limit(50);
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

const tradesQuery = {
  side: z.enum(tradeSides),
  state: z.enum(tradeGroups),
  // Six digits keep the offset far inside what PostgreSQL and a JS number hold.
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .transform(Number),
};

/**
 * ?side=, ?state= and ?page= on マイページ. A value that cannot be used is dropped (never an error page), and
 * the page says so; state and page only mean something for one side.
 */
function readTradesQuery(raw: Record<string, string>) {
  const side = raw.side === undefined ? null : tradesQuery.side.safeParse(raw.side);
  const state = raw.state === undefined ? null : tradesQuery.state.safeParse(raw.state);
  const page = raw.page === undefined ? null : tradesQuery.page.safeParse(raw.page);
  const sideOk = side?.success ? side.data : null;
  const unusable = [side, state, page].some((p) => p !== null && (!p.success || sideOk === null));
  return { side: sideOk, group: state?.success ? state.data : null, page: page?.success ? page.data : 1, unusable };
}

export function mypageRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/mypage', memberOnly);
  app.use('/mypage/*', memberOnly);

  app.get('/mypage', async (c) => {
    const deps = c.get('deps');
    const member = currentMember(c);
    const v = c.get('view');
    const query = readTradesQuery(c.req.query());
    const unreadRooms = await unreadByRoom(deps.db, member.id);
    const lists = [];
    for (const side of query.side ? [query.side] : tradeSides) {
      const group = query.side ? query.group : null;
      const page = query.side ? query.page : 1;
      const found = await tradesPage(deps.db, member.id, side, group, page);
      const items = found.items.map((row) => ({ ...row, unread: row.roomId ? (unreadRooms.get(row.roomId) ?? 0) : 0 }));
      lists.push({
        side,
        group,
        page,
        counts: await tradeCounts(deps.db, member.id, side),
        items,
        hasNext: found.hasNext,
      });
    }
    return render(
      c,
      <MyPage
        v={v}
        data={{
          lists,
          balances: await memberBalances(deps.db, member.id, deps.clock.now()),
          unreadMessages: [...unreadRooms.values()].reduce((a, b) => a + b, 0),
          notice: query.unusable ? v.t.marketplace.mypage.badQuery : null,
        }}
      />,
    );
  });

  app.get('/mypage/services', async (c) =>
    render(
      c,
      <MyServicesPage
        v={c.get('view')}
        items={await servicesOfSeller(c.get('deps').db, currentMember(c).id, { own: true })}
      />,
    ),
  );

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
