import { blockedBetween } from '../blocking/rules';
import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { normaliseForSearch } from '../marketplace/services/searchTerms';
import type { Message } from '../dictionary';
import type { Db, Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { CurrentMember } from '../platform/web/env';
import { members } from '../accounts/schema';
import { isUniqueViolation } from '../accounts/signUp';
import { services } from '../marketplace/schema';
import { tradingBlocker } from '../marketplace/rules';
import { placeAgreedOrder, type Charged } from '../marketplace/orders/agreedOrder';
import { orderTerms, type OrderTerms } from '../marketplace/orders/orderTerms';
import { queueTradingMail } from './mails';
import { jobRequests, proposals } from './requestSchema';

type Refusal = { ok: false; problem: Message };
type JobRequest = typeof jobRequests.$inferSelect;
type Proposal = typeof proposals.$inferSelect;
export type JobRequestInput = {
  title: string;
  description: string;
  categoryId: number;
  budgetMinYen: number;
  budgetMaxYen: number;
  deadline: string;
  visibility: 'public' | 'members';
  idempotencyKey: string;
};
export type ProposalInput = { serviceId: string; body: string; priceYen: number; deliveryDays: number };

function japanDay(now: Date) {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Whether a request still takes proposals: open, and its deadline (a Japan-time day) not past. */
export function requestTakesProposals(request: Pick<JobRequest, 'status' | 'deadline'>, now: Date) {
  return request.status === 'open' && request.deadline >= japanDay(now);
}

/** Who may see a request: members-only ones need a logged-in viewer; closed ones stay visible to their parties. */
export function mayViewRequest(request: Pick<JobRequest, 'visibility'>, viewerId: string | null) {
  return request.visibility === 'public' || viewerId !== null;
}

export async function postJobRequest(
  deps: Deps,
  buyer: CurrentMember,
  input: JobRequestInput,
): Promise<{ ok: true; requestId: string } | Refusal> {
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  try {
    const [row] = await deps.db
      .insert(jobRequests)
      .values({ ...input, buyerId: buyer.id, createdAt: deps.clock.now() })
      .returning();
    return { ok: true, requestId: row.id };
  } catch (error) {
    if (!isUniqueViolation(error, 'job_requests_idempotency_key')) throw error;
    const [row] = await deps.db
      .select()
      .from(jobRequests)
      .where(and(eq(jobRequests.buyerId, buyer.id), eq(jobRequests.idempotencyKey, input.idempotencyKey)));
    return { ok: true, requestId: row.id };
  }
}

/** 提案する: one proposal per seller; sending again replaces nothing and makes no second row. */
export async function propose(
  deps: Deps,
  seller: CurrentMember,
  requestId: string,
  input: ProposalInput,
): Promise<{ ok: true } | Refusal> {
  const blocker = tradingBlocker(seller);
  if (blocker) return { ok: false, problem: blocker };
  const [request] = await deps.db.select().from(jobRequests).where(eq(jobRequests.id, requestId));
  if (!request) return { ok: false, problem: (t) => t.trading.requests.errors.notFound };
  if (request.buyerId === seller.id) return { ok: false, problem: (t) => t.trading.requests.errors.ownRequest };
  if (!requestTakesProposals(request, deps.clock.now()))
    return { ok: false, problem: (t) => t.trading.requests.errors.closed };
  // A block (either way) reads as the request not taking this seller's proposal: the block is not told.
  if (await blockedBetween(deps.db, seller.id, request.buyerId))
    return { ok: false, problem: (t) => t.trading.requests.errors.notTaking };
  const [service] = await deps.db.select().from(services).where(eq(services.id, input.serviceId));
  if (!service || service.sellerId !== seller.id || service.status !== 'published')
    return { ok: false, problem: (t) => t.trading.errors.serviceRequired };
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(proposals)
      .values({ ...input, requestId, sellerId: seller.id, createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (inserted.length > 0)
      await queueTradingMail(tx, deps, request.buyerId, 'proposalReceived', request.title, `/requests/${requestId}`);
    return { ok: true as const };
  });
}

/**
 * What 購入確認 shows before a proposal is chosen: the buyer's own open request, the open proposal at the price
 * the request page showed, and the terms the order would be placed on. chooseProposal checks it all again.
 */
export async function quoteProposal(
  deps: Deps,
  buyer: CurrentMember,
  proposalId: string,
  expectedPriceYen: number,
): Promise<{ ok: true; proposal: Proposal; request: JobRequest; terms: OrderTerms } | Refusal> {
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  const [row] = await deps.db
    .select({ proposal: proposals, request: jobRequests })
    .from(proposals)
    .innerJoin(jobRequests, eq(jobRequests.id, proposals.requestId))
    .where(eq(proposals.id, proposalId));
  if (!row || row.request.buyerId !== buyer.id)
    return { ok: false, problem: (t) => t.trading.requests.errors.notFound };
  if (row.request.status !== 'open' || row.proposal.status !== 'open')
    return { ok: false, problem: (t) => t.trading.requests.errors.closed };
  if (row.proposal.priceYen !== expectedPriceYen)
    return { ok: false, problem: (t) => t.marketplace.errors.priceChanged(row.proposal.priceYen) };
  const terms = orderTerms(deps.clock.now(), row.proposal.deliveryDays, deps.config.marketplace.autoApproveDays);
  return { ok: true, proposal: row.proposal, request: row.request, terms };
}

/**
 * 依頼する: the buyer picks one proposal. It becomes an order at the proposed price; every other
 * proposal is declined and its seller told by mail; the request closes. All in one transaction with the
 * request locked, so choosing twice makes one order.
 */
export async function chooseProposal(
  deps: Deps,
  buyer: CurrentMember,
  proposalId: string,
  expectedPriceYen: number,
): Promise<{ ok: true; orderId: string } | Refusal> {
  const blocker = tradingBlocker(buyer);
  if (blocker) return { ok: false, problem: blocker };
  let charged: Charged | null = null;
  try {
    return await deps.db.transaction(async (tx) => {
      const [found] = await tx.select().from(proposals).where(eq(proposals.id, proposalId));
      if (!found) return { ok: false as const, problem: ((t) => t.trading.requests.errors.notFound) as Message };
      const [request] = await tx.select().from(jobRequests).where(eq(jobRequests.id, found.requestId)).for('update');
      if (request.buyerId !== buyer.id)
        return { ok: false as const, problem: ((t) => t.trading.requests.errors.notFound) as Message };
      const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId));
      if (proposal.status === 'chosen' && proposal.orderId) return { ok: true as const, orderId: proposal.orderId };
      if (request.status !== 'open' || proposal.status !== 'open')
        return { ok: false as const, problem: ((t) => t.trading.requests.errors.closed) as Message };
      const [seller] = await tx.select().from(members).where(eq(members.id, proposal.sellerId));
      const [service] = await tx.select().from(services).where(eq(services.id, proposal.serviceId));
      if (
        seller.status !== 'active' ||
        service.status !== 'published' ||
        (await blockedBetween(tx, buyer.id, proposal.sellerId))
      )
        return { ok: false as const, problem: ((t) => t.marketplace.errors.serviceNotAvailable) as Message };
      const placed = await placeAgreedOrder(
        tx,
        deps,
        {
          buyerId: buyer.id,
          sellerId: proposal.sellerId,
          serviceId: proposal.serviceId,
          title: request.title,
          scope: `${request.description}\n\n${proposal.body}`,
          priceYen: proposal.priceYen,
          deliveryDays: proposal.deliveryDays,
          expectedPriceYen,
          idempotencyKey: `proposal:${proposal.id}`,
        },
        (c) => (charged = c),
      );
      if (!placed.ok) return placed;
      const now = deps.clock.now();
      await tx
        .update(proposals)
        .set({ status: 'chosen', orderId: placed.orderId })
        .where(eq(proposals.id, proposal.id));
      const others = await tx
        .update(proposals)
        .set({ status: 'declined' })
        .where(and(eq(proposals.requestId, request.id), eq(proposals.status, 'open'), ne(proposals.id, proposal.id)))
        .returning();
      await tx.update(jobRequests).set({ status: 'closed', closedAt: now }).where(eq(jobRequests.id, request.id));
      await queueTradingMail(tx, deps, proposal.sellerId, 'proposalChosen', request.title, `/orders/${placed.orderId}`);
      for (const other of others)
        await queueTradingMail(tx, deps, other.sellerId, 'proposalDeclined', request.title, `/requests/${request.id}`);
      return placed;
    });
  } catch (error) {
    const paid = charged as Charged | null;
    if (paid) await deps.paymentProvider.refund(paid);
    throw error;
  }
}

/** 休止 or 退会: the member's open requests close and their open proposals lapse. */
export async function closeRequestsOf(tx: Tx, memberId: string, now: Date) {
  for (const statement of closeRequestsStatements(tx, memberId, now)) await statement;
}

/** The statements closeRequestsOf runs, unsent, for a caller that sends several writes as one (withdrawMember). */
export function closeRequestsStatements(tx: Tx, memberId: string, now: Date) {
  return [
    tx
      .update(jobRequests)
      .set({ status: 'closed', closedAt: now })
      .where(and(eq(jobRequests.buyerId, memberId), eq(jobRequests.status, 'open'))),
    tx
      .update(proposals)
      .set({ status: 'lapsed' })
      .where(and(eq(proposals.sellerId, memberId), eq(proposals.status, 'open'))),
  ];
}

/** ブロック: open proposals either member made on the other's requests lapse. */
export async function lapseProposalsBetween(tx: Tx, a: string, b: string) {
  const onRequestsOf = (buyer: string) =>
    inArray(
      proposals.requestId,
      tx.select({ id: jobRequests.id }).from(jobRequests).where(eq(jobRequests.buyerId, buyer)),
    );
  await tx
    .update(proposals)
    .set({ status: 'lapsed' })
    .where(
      and(
        eq(proposals.status, 'open'),
        or(and(eq(proposals.sellerId, a), onRequestsOf(b)), and(eq(proposals.sellerId, b), onRequestsOf(a))),
      ),
    );
}

type RequestFilter = { categoryIds?: number[]; words?: string; limit?: number };

/** Every word in the title or the description (normalised as service search does; open requests are few). */
function matchesWords(words: string) {
  const terms = normaliseForSearch(words).split(/\s+/).filter(Boolean).slice(0, 8);
  if (terms.length === 0) return undefined;
  return and(
    ...terms.map((term) => {
      const pattern = `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return sql`lower(normalize(${jobRequests.title} || ' ' || ${jobRequests.description}, NFKC)) like ${pattern}`;
    }),
  );
}

/**
 * Open requests, newest first, optionally in some categories or with some words; members-only ones only for
 * members.
 */
export async function openRequests(db: Db, viewerId: string | null, now: Date, filter: RequestFilter = {}) {
  const rows = await db
    .select()
    .from(jobRequests)
    .innerJoin(members, eq(members.id, jobRequests.buyerId))
    .where(
      and(
        eq(jobRequests.status, 'open'),
        eq(members.status, 'active'),
        filter.categoryIds ? inArray(jobRequests.categoryId, filter.categoryIds) : undefined,
        filter.words ? matchesWords(filter.words) : undefined,
        viewerId ? undefined : eq(jobRequests.visibility, 'public'),
      ),
    )
    .orderBy(desc(jobRequests.createdAt))
    .limit(filter.limit ?? 100);
  return rows.map((r) => r.job_requests).filter((r) => requestTakesProposals(r, now));
}

export async function requestWithProposals(db: Db, requestId: string) {
  const [request] = await db.select().from(jobRequests).where(eq(jobRequests.id, requestId));
  if (!request) return null;
  const list = await db
    .select({ proposal: proposals, sellerName: members.displayName, sellerUsername: members.username })
    .from(proposals)
    .innerJoin(members, eq(members.id, proposals.sellerId))
    .where(eq(proposals.requestId, requestId))
    .orderBy(asc(proposals.createdAt));
  return { request, proposals: list };
}

/** What a member posted or proposed, for the export. */
export async function requestsOfMember(db: Db, memberId: string) {
  const posted = await db.select().from(jobRequests).where(eq(jobRequests.buyerId, memberId));
  const proposed = await db
    .select()
    .from(proposals)
    .where(or(eq(proposals.sellerId, memberId)));
  return { posted: posted.map(({ idempotencyKey, ...r }) => r), proposed };
}
