import { savePayoutAccount } from '../../src/marketplace/money/payoutAccounts';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { categories } from '../../src/marketplace/schema';
import { saveService, type ServiceInput } from '../../src/marketplace/services/commands';
import { purchaseService } from '../../src/marketplace/orders/purchase';
import { transitionOrder } from '../../src/marketplace/orders/transitions';
import type { OrderStatus } from '../../src/marketplace/schema';
import type { CurrentMember } from '../../src/platform/web/env';
import type { TestContext } from './context';
import { createMember } from './factories';
import type { TestClient } from './client';

type MemberRow = Awaited<ReturnType<typeof createMember>>;

/** The member as the web layer sees it after login. */
export function asCurrent(member: MemberRow): CurrentMember {
  return {
    id: member.id,
    email: member.email,
    username: member.username,
    displayName: member.displayName,
    role: member.role,
    status: member.status,
    emailVerified: member.emailVerifiedAt !== null,
    locale: member.locale,
    // Factory members agree to the terms in force at sign-up; tests of re-consent go through the session lookup.
    termsPending: false,
  };
}

export async function categoryId(ctx: TestContext, slug = 'logo'): Promise<number> {
  const [row] = await ctx.deps.db.select().from(categories).where(eq(categories.slug, slug));
  return row.id;
}

export async function createService(
  ctx: TestContext,
  seller: MemberRow,
  overrides: Partial<ServiceInput> & { categorySlug?: string; publish?: boolean } = {},
) {
  const { categorySlug, publish, ...input } = overrides;
  const result = await saveService(
    ctx.deps,
    asCurrent(seller),
    null,
    {
      title: 'シンプルで覚えやすいロゴを作成します',
      description: '名刺やWebサイトに使えるロゴを3案ご提案します。修正は2回まで無料です。',
      priceYen: 5000,
      deliveryDays: 5,
      categoryId: await categoryId(ctx, categorySlug),
      ...input,
    },
    publish ?? true,
  );
  if (!result.ok) throw new Error('factory service failed');
  return result.serviceId;
}

/** An order between two fresh members (or the ones given), brought to the asked state through the real commands. */
export async function createOrder(
  ctx: TestContext,
  options: {
    status?: OrderStatus;
    buyer?: MemberRow;
    seller?: MemberRow;
    priceYen?: number;
    pointsToUse?: number;
  } = {},
) {
  const seller = options.seller ?? (await createMember(ctx));
  const buyer = options.buyer ?? (await createMember(ctx));
  const serviceId = await createService(ctx, seller, { priceYen: options.priceYen ?? 5000 });
  const purchase = await purchaseService(ctx.deps, asCurrent(buyer), {
    serviceId,
    expectedPriceYen: options.priceYen ?? 5000,
    pointsToUse: options.pointsToUse ?? 0,
    idempotencyKey: randomUUID(),
  });
  if (!purchase.ok) throw new Error(`factory purchase failed: ${purchase.problem.toString()}`);
  const orderId = purchase.orderId;
  const asBuyer = { kind: 'member' as const, id: buyer.id };
  const asSeller = { kind: 'member' as const, id: seller.id };
  const steps: Record<OrderStatus, [Parameters<typeof transitionOrder>[2], typeof asBuyer][]> = {
    in_progress: [],
    delivered: [['deliver', asSeller]],
    completed: [
      ['deliver', asSeller],
      ['approve', asBuyer],
    ],
    cancelled: [
      ['requestCancel', asBuyer],
      ['agreeCancel', asSeller],
    ],
    disputed: [['reportProblem', asBuyer]],
  };
  for (const [action, actor] of steps[options.status ?? 'in_progress']) {
    const result = await transitionOrder(ctx.deps, orderId, action, actor, {
      message: action === 'deliver' ? '納品します' : undefined,
    });
    if (!result.ok) throw new Error(`factory transition ${action} failed`);
  }
  return { orderId, buyer, seller, serviceId };
}

/** A payout bank account, set through the real command (every member gets a different account number unless one is given). */
export async function addPayoutAccount(
  ctx: TestContext,
  member: MemberRow,
  accountNumber = String(Math.floor(Math.random() * 1e7)).padStart(7, '0'),
) {
  const problem = await savePayoutAccount(
    ctx.deps,
    asCurrent(member),
    { bankCode: '0005', branchCode: '123', accountType: 'ordinary', accountNumber, holderKana: 'テスト タロウ' },
    { ip: null, userAgent: 'test' },
  );
  if (problem) throw new Error('payout account refused');
}

/** The hidden fields of the form that posts to `action` on a page (what a browser would send back). */
export function hiddenFieldsOf(html: string, action: string): Record<string, string> {
  const form = html.split(`action="${action}"`)[1]?.split('</form>')[0];
  if (form === undefined) throw new Error(`no form posting to ${action}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    if (name !== '_csrf') fields[name] = value.replace(/&amp;/g, '&');
  return fields;
}

/**
 * 購入: what a buyer's browser does, the service page's choices to 購入確認, then 購入を確定する with what
 * that screen carries. Returns the confirmation when it refused, otherwise the purchase's answer.
 */
export async function buyThroughConfirmation(client: TestClient, serviceId: string, choices: Record<string, string>) {
  const confirmation = await client.post(`/services/${serviceId}/confirm`, choices);
  if (confirmation.status !== 200) return confirmation;
  const action = `/services/${serviceId}/purchase`;
  return client.post(action, hiddenFieldsOf(confirmation.text, action));
}

/** 見積り提案の承諾: the card's button to 購入確認, then 購入を確定する. */
/** 公開依頼: the buyer chooses a proposal the way the page does, through 購入確認. */
export async function chooseThroughConfirmation(client: TestClient, proposalId: string, expectedPriceYen: string) {
  const confirmation = await client.post(`/proposals/${proposalId}/confirm`, { expectedPriceYen });
  if (confirmation.status !== 200) return confirmation;
  const action = `/proposals/${proposalId}/choose`;
  return client.post(action, hiddenFieldsOf(confirmation.text, action));
}

export async function acceptThroughConfirmation(client: TestClient, offerId: string, expectedPriceYen: string) {
  const confirmation = await client.post(`/offers/${offerId}/confirm`, { expectedPriceYen });
  if (confirmation.status !== 200) return confirmation;
  const action = `/offers/${offerId}/accept`;
  return client.post(action, hiddenFieldsOf(confirmation.text, action));
}
