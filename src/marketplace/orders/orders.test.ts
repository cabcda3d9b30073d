import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { dictionaries } from '../../dictionary';
import { DAY } from '../../platform/clock';
import { mailOutbox } from '../../platform/mail/schema';
import { createMember } from '../../../tests/support/factories';
import { asCurrent, createOrder, createService } from '../../../tests/support/marketplace';
import { describeOnDatabases } from '../../../tests/support/suites';
import { memberBalances } from '../money/ledger';
import { ledgerEntries, messages, orders, rooms, type OrderStatus } from '../schema';
import { operatorActions } from '../../trust/schema';
import type { PaymentProvider } from '../../platform/providers';
import { purchaseService } from './purchase';
import type { OrderAction, OrderActor } from './stateMachine';
import { autoApproveDeliveredOrders, transitionOrder } from './transitions';

type Who = 'buyer' | 'seller' | 'outsider' | 'operator' | 'system';
const statuses: OrderStatus[] = ['in_progress', 'delivered', 'completed', 'cancelled', 'disputed'];
const actions: OrderAction[] = [
  'deliver',
  'approve',
  'sendBack',
  'autoApprove',
  'requestCancel',
  'withdrawCancel',
  'agreeCancel',
  'reportProblem',
  'resolveComplete',
  'resolveCancel',
  'resolveResume',
];

// Written out by hand from the product rules, independent of the state machine's own table.
// Orders here have no cancellation pending, so withdrawCancel and agreeCancel are never allowed.
const allowed: Record<string, OrderStatus> = {
  'deliver/in_progress/seller': 'delivered',
  'approve/delivered/buyer': 'completed',
  'sendBack/delivered/buyer': 'in_progress',
  'autoApprove/delivered/system': 'completed',
  'requestCancel/in_progress/buyer': 'in_progress',
  'requestCancel/in_progress/seller': 'in_progress',
  'requestCancel/delivered/buyer': 'delivered',
  'requestCancel/delivered/seller': 'delivered',
  'reportProblem/in_progress/buyer': 'disputed',
  'reportProblem/in_progress/seller': 'disputed',
  'reportProblem/delivered/buyer': 'disputed',
  'reportProblem/delivered/seller': 'disputed',
  'resolveComplete/disputed/operator': 'completed',
  'resolveCancel/disputed/operator': 'cancelled',
  'resolveResume/disputed/operator': 'in_progress',
};

describeOnDatabases('orders', (ctx) => {
  it('allows exactly the transitions the rules allow, for every state, action and actor; a refused one changes nothing', async () => {
    const operator = await createMember(ctx(), { role: 'operator' });
    const outsider = await createMember(ctx());
    const shared = new Map<OrderStatus, Awaited<ReturnType<typeof createOrder>>>();
    for (const status of statuses) shared.set(status, await createOrder(ctx(), { status }));
    const actorFor = (who: Who, o: { buyer: { id: string }; seller: { id: string } }): OrderActor =>
      who === 'system'
        ? { kind: 'system' }
        : who === 'operator'
          ? { kind: 'operator', id: operator.id }
          : { kind: 'member', id: who === 'buyer' ? o.buyer.id : who === 'seller' ? o.seller.id : outsider.id };
    let checked = 0;
    for (const status of statuses) {
      for (const action of actions) {
        for (const who of ['buyer', 'seller', 'outsider', 'operator', 'system'] as Who[]) {
          const expected = allowed[`${action}/${status}/${who}`];
          const order = expected ? await createOrder(ctx(), { status }) : shared.get(status)!;
          const [before] = await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId));
          const result = await transitionOrder(ctx().deps, order.orderId, action, actorFor(who, order));
          const [after] = await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId));
          if (expected) {
            expect(result.ok, `${action} from ${status} by ${who}`).toBe(true);
            expect(after.status).toBe(expected);
          } else {
            expect(result.ok, `${action} from ${status} by ${who} must be refused`).toBe(false);
            if (!result.ok) expect(result.problem(dictionaries.ja)).toMatch(/できません|見つかりません/);
            expect(after).toEqual(before);
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBe(statuses.length * actions.length * 5);
  });

  it('cancels only with the other party’s agreement, and refunds the charge and the points', async () => {
    const buyer = await createMember(ctx());
    const { grantPoints } = await import('../money/ledger');
    await ctx().deps.db.transaction((tx) =>
      grantPoints(
        tx,
        { memberId: buyer.id, amount: 800, expiresAt: new Date(ctx().clock.now().getTime() + 30 * DAY), note: 'test' },
        ctx().clock.now(),
      ),
    );
    const order = await createOrder(ctx(), { buyer, pointsToUse: 500, priceYen: 3000 });
    expect((await memberBalances(ctx().deps.db, buyer.id, ctx().clock.now())).pointsYen).toBe(300);
    const asBuyer = { kind: 'member' as const, id: buyer.id };
    const asSeller = { kind: 'member' as const, id: order.seller.id };
    expect((await transitionOrder(ctx().deps, order.orderId, 'requestCancel', asBuyer)).ok).toBe(true);
    expect((await transitionOrder(ctx().deps, order.orderId, 'agreeCancel', asBuyer)).ok).toBe(false); // not with oneself
    expect((await transitionOrder(ctx().deps, order.orderId, 'requestCancel', asSeller)).ok).toBe(false); // already requested
    expect((await transitionOrder(ctx().deps, order.orderId, 'withdrawCancel', asSeller)).ok).toBe(false); // only the requester
    expect((await transitionOrder(ctx().deps, order.orderId, 'withdrawCancel', asBuyer)).ok).toBe(true);
    expect((await transitionOrder(ctx().deps, order.orderId, 'agreeCancel', asSeller)).ok).toBe(false); // nothing pending now
    expect((await transitionOrder(ctx().deps, order.orderId, 'requestCancel', asSeller)).ok).toBe(true);
    const done = await transitionOrder(ctx().deps, order.orderId, 'agreeCancel', asBuyer);
    expect(done.ok && done.order.status).toBe('cancelled');
    expect((await memberBalances(ctx().deps.db, buyer.id, ctx().clock.now())).pointsYen).toBe(800);
    const payments = await ctx()
      .deps.db.select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.orderId, order.orderId), eq(ledgerEntries.account, 'payments')));
    expect(payments.map((p) => [p.kind, p.amountYen])).toEqual([
      ['charge', 2500],
      ['refund', -2500],
    ]);
    expect((await memberBalances(ctx().deps.db, order.seller.id, ctx().clock.now())).salesYen).toBe(0);
  });

  it('credits the seller the price minus the platform fee at completion, and tells both by mail', async () => {
    const order = await createOrder(ctx(), { status: 'completed', priceYen: 5000 });
    const balances = await memberBalances(ctx().deps.db, order.seller.id, ctx().clock.now());
    expect(balances.salesYen).toBe(4500); // 10% fee
    const [sellerMails] = await ctx()
      .deps.db.select({ n: count() })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, order.seller.id), eq(mailOutbox.template, 'order_purchased')));
    expect(sellerMails.n).toBe(1);
    const [buyerMails] = await ctx()
      .deps.db.select({ n: count() })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, order.buyer.id), eq(mailOutbox.template, 'order_delivered')));
    expect(buyerMails.n).toBe(1);
    const [room] = await ctx().deps.db.select().from(rooms).where(eq(rooms.orderId, order.orderId));
    const roomMessages = await ctx().deps.db.select().from(messages).where(eq(messages.roomId, room.id));
    expect(roomMessages.map((m) => m.kind)).toEqual(['system', 'delivery', 'system', 'system']);
  });

  it('approves delivered orders automatically after the configured days, once', async () => {
    const order = await createOrder(ctx(), { status: 'delivered' });
    expect(await autoApproveDeliveredOrders(ctx().deps)).toBe(0);
    ctx().clock.advance(3 * DAY + 1000);
    expect(await autoApproveDeliveredOrders(ctx().deps)).toBeGreaterThanOrEqual(1);
    const [row] = await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId));
    expect(row.status).toBe('completed');
    expect(await autoApproveDeliveredOrders(ctx().deps)).toBe(0);
    expect((await memberBalances(ctx().deps.db, order.seller.id, ctx().clock.now())).salesYen).toBe(4500);
  });

  it('gives the buyer a full approval window again when an operator resumes a dispute to 納品済み', async () => {
    const order = await createOrder(ctx(), { status: 'delivered' });
    ctx().clock.advance(2 * DAY);
    expect(
      (await transitionOrder(ctx().deps, order.orderId, 'reportProblem', { kind: 'member', id: order.buyer.id })).ok,
    ).toBe(true);
    ctx().clock.advance(2 * DAY);
    const operator = await createMember(ctx(), { role: 'operator' });
    const resumedAt = ctx().clock.now();
    const resumed = await transitionOrder(ctx().deps, order.orderId, 'resolveResume', {
      kind: 'operator',
      id: operator.id,
    });
    expect(resumed.ok && resumed.order.status).toBe('delivered');
    expect(resumed.ok && resumed.order.deliveredAt!.getTime()).toBeGreaterThanOrEqual(resumedAt.getTime());
    expect(await autoApproveDeliveredOrders(ctx().deps)).toBe(0);
    ctx().clock.advance(3 * DAY - 1000);
    expect(await autoApproveDeliveredOrders(ctx().deps)).toBe(0);
    ctx().clock.advance(2000);
    expect(await autoApproveDeliveredOrders(ctx().deps)).toBe(1);
  });

  it('drops a pending cancellation request when the order is completed, cancelled or disputed', async () => {
    for (const [requester, action, by] of [
      ['seller', 'approve', 'buyer'],
      ['buyer', 'agreeCancel', 'seller'],
      ['seller', 'reportProblem', 'buyer'],
    ] as const) {
      const order = await createOrder(ctx(), { status: 'delivered' });
      const asMember = (who: 'buyer' | 'seller') => ({ kind: 'member' as const, id: order[who].id });
      expect((await transitionOrder(ctx().deps, order.orderId, 'requestCancel', asMember(requester))).ok).toBe(true);
      const moved = await transitionOrder(ctx().deps, order.orderId, action, asMember(by));
      expect(moved.ok && moved.order.cancelRequestedBy).toBeNull();
    }
    const stillOpen = await createOrder(ctx());
    await transitionOrder(ctx().deps, stillOpen.orderId, 'requestCancel', { kind: 'member', id: stillOpen.buyer.id });
    const delivered = await transitionOrder(
      ctx().deps,
      stillOpen.orderId,
      'deliver',
      { kind: 'member', id: stillOpen.seller.id },
      { message: '納品します' },
    );
    expect(delivered.ok && delivered.order.cancelRequestedBy).toBe(stillOpen.buyer.id);
  });

  it('records which operator settled a dispute in the operator log of both parties, in the same transaction', async () => {
    const order = await createOrder(ctx(), { status: 'disputed' });
    const operator = await createMember(ctx(), { role: 'operator' });
    expect(
      (await transitionOrder(ctx().deps, order.orderId, 'resolveComplete', { kind: 'operator', id: operator.id })).ok,
    ).toBe(true);
    const logged = await ctx()
      .deps.db.select()
      .from(operatorActions)
      .where(eq(operatorActions.operatorId, operator.id));
    expect(logged.map((a) => [a.action, a.memberId, a.detail]).sort()).toEqual(
      [
        ['order_resolveComplete', order.buyer.id, `order ${order.orderId}`],
        ['order_resolveComplete', order.seller.id, `order ${order.orderId}`],
      ].sort(),
    );
    const [{ n }] = await ctx()
      .deps.db.select({ n: count() })
      .from(operatorActions)
      .where(eq(operatorActions.memberId, order.buyer.id));
    expect(n).toBe(1); // the buyer's own report is not an operator action
  });

  it('turns a double purchase with the same idempotency key into one order and one charge, even in parallel', async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const serviceId = await createService(ctx(), seller);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        purchaseService(ctx().deps, asCurrent(buyer), {
          serviceId,
          expectedPriceYen: 5000,
          pointsToUse: 0,
          idempotencyKey: key,
        }),
      ),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.orderId : 'refused')));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBe('refused');
    const [{ n }] = await ctx().deps.db.select({ n: count() }).from(orders).where(eq(orders.buyerId, buyer.id));
    expect(n).toBe(1);
    const charges = await ctx()
      .deps.db.select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.memberId, buyer.id), eq(ledgerEntries.kind, 'charge')));
    expect(charges).toHaveLength(1);
    const again = await purchaseService(ctx().deps, asCurrent(buyer), {
      serviceId,
      expectedPriceYen: 5000,
      pointsToUse: 0,
      idempotencyKey: randomUUID(),
    });
    expect(again.ok).toBe(true);
  });

  it('checks points before charging, and refunds a charge whose order could not be written', async () => {
    const seller = await createMember(ctx());
    const buyer = await createMember(ctx());
    const serviceId = await createService(ctx(), seller);
    const calls: string[] = [];
    let paymentRef = 'ref_1';
    const provider: PaymentProvider = {
      testMode: true,
      async charge({ amountYen }) {
        calls.push(`charge ${amountYen}`);
        return { ok: true, paymentRef };
      },
      async refund(refund) {
        calls.push(`refund ${refund.amountYen} ${refund.paymentRef}`);
      },
    };
    const deps = { ...ctx().deps, paymentProvider: provider };
    const refused = await purchaseService(deps, asCurrent(buyer), {
      serviceId,
      expectedPriceYen: 5000,
      pointsToUse: 100,
      idempotencyKey: randomUUID(),
    });
    expect(refused.ok).toBe(false);
    expect(calls).toEqual([]);
    // A reference the database cannot store (a NUL byte) makes the order insert fail after the charge.
    paymentRef = 'ref_\u0000';
    await expect(
      purchaseService(deps, asCurrent(buyer), {
        serviceId,
        expectedPriceYen: 5000,
        pointsToUse: 0,
        idempotencyKey: randomUUID(),
      }),
    ).rejects.toThrow();
    expect(calls).toEqual(['charge 5000', 'refund 5000 ref_\u0000']);
    expect(await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, buyer.id))).toHaveLength(
      0,
    );
    expect(await ctx().deps.db.select().from(orders).where(eq(orders.buyerId, buyer.id))).toHaveLength(0);
  });

  it('refuses purchases of one’s own, unpublished services, by unverified members and beyond the points held', async () => {
    const seller = await createMember(ctx());
    const serviceId = await createService(ctx(), seller);
    const draftId = await createService(ctx(), seller, { publish: false });
    const unverified = await createMember(ctx(), { verified: false });
    const buyer = await createMember(ctx());
    const text = async (p: Promise<Awaited<ReturnType<typeof purchaseService>>>) => {
      const r = await p;
      return r.ok ? 'ok' : r.problem(dictionaries.ja);
    };
    expect(
      await text(
        purchaseService(ctx().deps, asCurrent(seller), {
          serviceId,
          expectedPriceYen: 5000,
          pointsToUse: 0,
          idempotencyKey: randomUUID(),
        }),
      ),
    ).toContain('自分のサービス');
    expect(
      await text(
        purchaseService(ctx().deps, asCurrent(buyer), {
          serviceId: draftId,
          expectedPriceYen: 5000,
          pointsToUse: 0,
          idempotencyKey: randomUUID(),
        }),
      ),
    ).toContain('購入できません');
    expect(
      await text(
        purchaseService(ctx().deps, asCurrent(unverified), {
          serviceId,
          expectedPriceYen: 5000,
          pointsToUse: 0,
          idempotencyKey: randomUUID(),
        }),
      ),
    ).toContain('メールアドレスの確認');
    expect(
      await text(
        purchaseService(ctx().deps, asCurrent(buyer), {
          serviceId,
          expectedPriceYen: 5000,
          pointsToUse: 100,
          idempotencyKey: randomUUID(),
        }),
      ),
    ).toContain('ポイントが足りません');
    const [{ n }] = await ctx().deps.db.select({ n: count() }).from(orders).where(eq(orders.serviceId, draftId));
    expect(n).toBe(0);
  });
});
