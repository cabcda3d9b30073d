import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Message } from '../dictionary';
import { DAY } from '../platform/clock';
import type { AppEnv } from '../platform/web/env';
import { notFoundPage } from '../platform/web/errors';
import { parseForm } from '../platform/web/forms';
import { currentMember, formBody, memberOnly, render } from '../platform/web/http';
import { categoryBySlug, categoryTree } from '../marketplace/services/queries';
import { ConfirmPage } from '../marketplace/pages/confirmPage';
import { includedTaxYen } from '../platform/tax';
import { acceptForm, confirmedAcceptForm, jobRequestForm, proposalForm } from './forms';
import { offerableServices } from './offers';
import {
  chooseProposal,
  mayViewRequest,
  openRequests,
  postJobRequest,
  propose,
  quoteProposal,
  requestTakesProposals,
  requestWithProposals,
} from './requests';
import { eq } from 'drizzle-orm';
import { proposals } from './requestSchema';
import { NewRequestPage, RequestPage, RequestsPage } from './requestPages';

const uuid = z.string().uuid();
const japanDay = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
type Problems = Record<string, Message | undefined>;
const inWords = (c: Context<AppEnv>, problems: Problems) =>
  Object.fromEntries(Object.entries(problems).map(([k, m]) => [k, m?.(c.get('view').t)]));

async function renderNew(
  c: Context<AppEnv>,
  typed: Record<string, string> = {},
  problems: Problems = {},
  key: string = randomUUID(),
) {
  const tree = await categoryTree(c.get('deps').db);
  const name = (x: { nameJa: string; nameEn: string }) => (c.get('view').locale === 'ja' ? x.nameJa : x.nameEn);
  const categories = tree.flatMap((top) => [
    { id: top.id, name: name(top) },
    ...top.children.map((ch) => ({ id: ch.id, name: `${name(top)} › ${name(ch)}` })),
  ]);
  const refused = Object.keys(problems).length > 0;
  return render(
    c,
    <NewRequestPage
      v={c.get('view')}
      categories={categories}
      formKey={key}
      typed={typed}
      errors={inWords(c, problems)}
    />,
    refused ? 422 : 200,
  );
}

async function renderRequest(
  c: Context<AppEnv>,
  requestId: string,
  refused: { typed?: Record<string, string>; problems?: Problems; problem?: Message } = {},
) {
  const deps = c.get('deps');
  const viewer = c.get('view').member;
  const found = uuid.safeParse(requestId).success ? await requestWithProposals(deps.db, requestId) : null;
  if (!found || !mayViewRequest(found.request, viewer?.id ?? null)) return notFoundPage(c);
  const isBuyer = viewer?.id === found.request.buyerId;
  const mine = viewer ? (found.proposals.find((p) => p.proposal.sellerId === viewer.id)?.proposal ?? null) : null;
  const data = {
    request: found.request,
    isBuyer,
    takesProposals: requestTakesProposals(found.request, deps.clock.now()),
    // Sellers see their own proposal only; the buyer sees them all.
    proposals: isBuyer ? found.proposals.map((p) => ({ proposal: p.proposal, sellerName: p.sellerName })) : [],
    myProposal: mine,
    services: viewer && !isBuyer ? await offerableServices(deps.db, viewer.id) : null,
    typed: refused.typed ?? {},
    errors: inWords(c, refused.problems ?? {}),
    problem: refused.problem?.(c.get('view').t) ?? null,
  };
  const status = refused.problems || refused.problem ? 422 : 200;
  return render(c, <RequestPage v={c.get('view')} data={data} />, status);
}

/** 公開依頼: the public list (optionally by ?category=slug), posting, proposing and choosing. */
export function requestRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/requests/new', memberOnly);
  app.use('/requests/:id/proposals', memberOnly);
  app.use('/proposals/*', memberOnly);

  app.get('/requests', async (c) => {
    const deps = c.get('deps');
    const slug = c.req.query('category');
    // A category that does not exist is dropped: the whole list, never an error page.
    const category = slug && /^[a-z0-9-]{1,64}$/.test(slug) ? await categoryBySlug(deps.db, slug) : null;
    const words = (c.req.query('q') ?? '').slice(0, 100);
    const list = await openRequests(deps.db, c.get('view').member?.id ?? null, deps.clock.now(), {
      categoryIds: category?.browseIds,
      words,
    });
    return render(c, <RequestsPage v={c.get('view')} requests={list} />);
  });

  app.get('/requests/new', (c) => renderNew(c));
  app.post('/requests/new', async (c) => {
    const deps = c.get('deps');
    const body = await formBody(c);
    const key = uuid.safeParse(body.idempotencyKey).success ? body.idempotencyKey : randomUUID();
    const form = parseForm(jobRequestForm, body);
    const problems: Problems = form.ok ? {} : { ...form.errors };
    const { priceMinYen, priceMaxYen } = deps.config.marketplace;
    const range: Message = (t) => t.marketplace.errors.priceRange(priceMinYen, priceMaxYen);
    const inRange = (n: number) => n >= priceMinYen && n <= priceMaxYen;
    if (form.ok) {
      const today = japanDay(deps.clock.now());
      const latest = japanDay(new Date(deps.clock.now().getTime() + 90 * DAY));
      if (!inRange(form.value.budgetMinYen)) problems.budgetMinYen = range;
      if (!inRange(form.value.budgetMaxYen)) problems.budgetMaxYen = range;
      else if (form.value.budgetMaxYen < form.value.budgetMinYen)
        problems.budgetMaxYen = (t) => t.trading.requests.errors.budgetOrder;
      if (form.value.deadline < today || form.value.deadline > latest)
        problems.deadline = (t) => t.trading.requests.errors.deadline;
      const tree = await categoryTree(deps.db);
      if (
        !tree.some(
          (top) => top.id === form.value.categoryId || top.children.some((ch) => ch.id === form.value.categoryId),
        )
      )
        problems.categoryId = (t) => t.marketplace.errors.categoryRequired;
    }
    if (!form.ok || Object.keys(problems).length > 0) return renderNew(c, body, problems, key);
    const result = await postJobRequest(deps, currentMember(c), form.value);
    if (!result.ok) return renderNew(c, body, { title: result.problem }, key);
    return c.redirect(`/requests/${result.requestId}`, 303);
  });

  app.get('/requests/:id', (c) => renderRequest(c, c.req.param('id')));
  app.post('/requests/:id/proposals', async (c) => {
    const requestId = c.req.param('id');
    if (!uuid.safeParse(requestId).success) return notFoundPage(c);
    const deps = c.get('deps');
    const body = await formBody(c);
    const form = parseForm(proposalForm, body);
    if (!form.ok) return renderRequest(c, requestId, { typed: body, problems: form.errors });
    const { priceMinYen, priceMaxYen } = deps.config.marketplace;
    if (form.value.priceYen < priceMinYen || form.value.priceYen > priceMaxYen)
      return renderRequest(c, requestId, {
        typed: body,
        problems: { priceYen: (t) => t.marketplace.errors.priceRange(priceMinYen, priceMaxYen) },
      });
    const result = await propose(deps, currentMember(c), requestId, form.value);
    if (!result.ok) return renderRequest(c, requestId, { typed: body, problem: result.problem });
    return c.redirect(`/requests/${requestId}`, 303);
  });

  // 購入確認 first: choosing a proposal charges, so only the confirmation screen's form (with its total) does.
  app.post('/proposals/:id/confirm', async (c) => {
    const proposalId = c.req.param('id');
    if (!uuid.safeParse(proposalId).success) return notFoundPage(c);
    const deps = c.get('deps');
    const form = parseForm(acceptForm, await formBody(c));
    const quoted = form.ok
      ? await quoteProposal(deps, currentMember(c), proposalId, form.value.expectedPriceYen)
      : { ok: false as const, problem: form.errors.expectedPriceYen! };
    if (!quoted.ok) return renderProposalProblem(c, proposalId, quoted.problem);
    const { proposal, request, terms } = quoted;
    const price = String(proposal.priceYen);
    return render(
      c,
      <ConfirmPage
        v={c.get('view')}
        data={{
          title: request.title,
          scope: `${request.description}\n\n${proposal.body}`,
          options: [],
          priceYen: proposal.priceYen,
          taxYen: includedTaxYen(proposal.priceYen),
          pointsUsed: 0,
          chargeYen: proposal.priceYen,
          deliveryDays: terms.deliveryDays,
          dueAt: terms.dueAt,
          action: `/proposals/${proposal.id}/choose`,
          fields: { expectedPriceYen: price, expectedTotalYen: price },
          backHref: `/requests/${request.id}`,
        }}
      />,
    );
  });

  app.post('/proposals/:id/choose', async (c) => {
    const proposalId = c.req.param('id');
    if (!uuid.safeParse(proposalId).success) return notFoundPage(c);
    const form = parseForm(confirmedAcceptForm, await formBody(c));
    const result = form.ok
      ? await chooseProposal(c.get('deps'), currentMember(c), proposalId, form.value.expectedPriceYen)
      : { ok: false as const, problem: Object.values(form.errors)[0]! };
    if (result.ok) return c.redirect(`/orders/${result.orderId}`, 303);
    return renderProposalProblem(c, proposalId, result.problem);
  });
  return app;
}

/** A refused confirmation or choice is shown on the request's page; a proposal that does not exist is a 404. */
async function renderProposalProblem(c: Context<AppEnv>, proposalId: string, problem: Message) {
  const [proposal] = await c
    .get('deps')
    .db.select({ requestId: proposals.requestId })
    .from(proposals)
    .where(eq(proposals.id, proposalId));
  return proposal ? renderRequest(c, proposal.requestId, { problem }) : notFoundPage(c);
}
