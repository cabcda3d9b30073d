import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { members } from '../accounts/schema';
import { reviews, services } from '../marketplace/schema';
import { leaveReview, ratingOf } from '../marketplace/reviews';
import { pauseMember } from '../withdrawal/pause';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD, SIGNUP_CONSENT } from '../../tests/support/factories';
import { addPayoutAccount, asCurrent, createOrder, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { enableTotp, verifyPhone } from '../../tests/support/trust';
import { requestPayout } from '../marketplace/money/payouts';
import { backfillTrustRecords } from './backfill';
import { decideDuplicateCase } from './duplicateDecisions';
import { moderateReview } from './reviewModeration';
import { duplicateCases, identitySignals, operatorActions } from './schema';
import { liftEndedSuspensions, liftSuspension, suspendMember } from './suspension';

const origin = { ip: null, userAgent: 'test' };

describeOnDatabases('one person, one account', (ctx) => {
  it('refuses a second account the same verified phone, and frees it when the first one leaves', async () => {
    const first = await createMember(ctx());
    expect((await verifyPhone(ctx(), first, '090-4444-1111')).location).toBe('/settings/security#sms');
    const second = await createMember(ctx());
    const refused = await verifyPhone(ctx(), second, '090-4444-1111');
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('別のアカウントで確認済み');
    expect(
      await ctx().deps.db.select().from(identitySignals).where(eq(identitySignals.memberId, second.id)),
    ).not.toContainEqual(expect.objectContaining({ kind: 'phone' }));
    // Stored as a keyed hash only.
    expect(JSON.stringify(await ctx().deps.db.select().from(identitySignals))).not.toContain('4444');
  });

  it('queues an account that shares a browser and an IP address, or an address as Gmail reads it; never merges', async () => {
    const device = `device-${Math.random()}`;
    const older = await createMember(ctx(), { deviceToken: device, ip: '203.0.113.7' });
    const newer = await createMember(ctx(), { deviceToken: device, ip: '203.0.113.7' });
    const [weak] = await ctx().deps.db.select().from(duplicateCases).where(eq(duplicateCases.memberId, newer.id));
    expect(weak).toMatchObject({
      otherMemberId: older.id,
      strength: 'weak',
      status: 'open',
      evidence: ['device', 'ip'],
    });

    // A browser alone, or one IP address a week apart, is not enough.
    ctx().clock.advance(7 * DAY);
    const later = await createMember(ctx(), { deviceToken: device, ip: '198.51.100.1' });
    expect(await ctx().deps.db.select().from(duplicateCases).where(eq(duplicateCases.memberId, later.id))).toEqual([]);

    const tag = Math.floor(Math.random() * 1e9);
    const gmail = await createMember(ctx(), { email: `taro.yamada${tag}@gmail.com` });
    const again = await createMember(ctx(), { email: `taroyamada${tag}+shop@gmail.com` });
    const [strong] = await ctx().deps.db.select().from(duplicateCases).where(eq(duplicateCases.memberId, again.id));
    expect(strong).toMatchObject({ otherMemberId: gmail.id, strength: 'strong', evidence: ['email'] });

    const operator = await createMember(ctx(), { role: 'operator' });
    expect(await decideDuplicateCase(ctx().deps, operator, weak.id, { action: 'dismiss' })).toBe(true);
    expect(
      await decideDuplicateCase(ctx().deps, operator, strong.id, {
        action: 'suspend',
        memberId: again.id,
        reason: '複数アカウント',
      }),
    ).toBe(true);
    const [after] = await ctx().deps.db.select().from(members).where(eq(members.id, again.id));
    expect(after.status).toBe('suspended');
    expect((await ctx().deps.db.select().from(members).where(eq(members.id, gmail.id)))[0].status).toBe('active');
    const log = await ctx().deps.db.select().from(operatorActions).where(eq(operatorActions.operatorId, operator.id));
    expect(log.map((l) => l.action).sort()).toEqual(['duplicate_dismiss', 'duplicate_suspend', 'suspend']);
  });

  it('queues two accounts paid into one bank account, and refuses the bank account of a suspended member', async () => {
    const first = await createMember(ctx());
    const second = await createMember(ctx());
    await addPayoutAccount(ctx(), first, '5550001');
    await addPayoutAccount(ctx(), second, '5550001');
    const [found] = await ctx().deps.db.select().from(duplicateCases).where(eq(duplicateCases.memberId, second.id));
    expect(found).toMatchObject({ otherMemberId: first.id, strength: 'strong', evidence: ['bank'] });
    expect(await suspendMember(ctx().deps, null, first.id, { reason: '複数アカウント', endsAt: null })).toBeNull();
    await expect(addPayoutAccount(ctx(), await createMember(ctx()), '5550001')).rejects.toThrow(
      'payout account refused',
    );
  });

  it('refuses a suspended member who leaves and comes back with the same email or phone', async () => {
    const banned = await createMember(ctx());
    await verifyPhone(ctx(), banned, '080-7777-2222');
    expect(await suspendMember(ctx().deps, null, banned.id, { reason: '自作自演の評価', endsAt: null })).toBeNull();
    await ctx()
      .deps.db.update(members)
      .set({ status: 'withdrawn', withdrawnAt: ctx().clock.now() })
      .where(eq(members.id, banned.id));

    const signup = await new TestClient(ctx()).post('/signup', {
      ...SIGNUP_CONSENT,
      email: banned.email.toUpperCase(),
      username: `back_${Math.floor(Math.random() * 1e6)}`,
      displayName: '別人',
      password: 'mizu no oto ga kikoeru yoru',
    });
    expect(signup.text).toContain('このメールアドレスでは登録できません');
    const other = await createMember(ctx());
    const phone = await verifyPhone(ctx(), other, '08077772222');
    expect(phone.status).toBe(422);
    expect(phone.text).toContain('この電話番号は登録できません');
  });
});

describeOnDatabases('suspension', (ctx) => {
  it('hides profile and services, shows the reason at login, and lifting restores exactly what was there', async () => {
    const seller = await createMember(ctx());
    const serviceId = await createService(ctx(), seller, { title: `停止テスト書道${Math.random()}` });
    const visitor = new TestClient(ctx());
    const before = {
      profile: (await visitor.get(`/users/${seller.username}`)).status,
      service: (await visitor.get(`/services/${serviceId}`)).status,
    };
    expect(before).toEqual({ profile: 200, service: 200 });
    const session = new TestClient(ctx());
    await session.logIn(seller.email, DEFAULT_PASSWORD);
    const operator = await createMember(ctx(), { role: 'operator' });

    expect(
      await suspendMember(ctx().deps, operator, seller.id, { reason: '規約第5条違反（外部取引の勧誘）', endsAt: null }),
    ).toBeNull();
    expect((await visitor.get(`/users/${seller.username}`)).status).toBe(404);
    expect((await visitor.get(`/services/${serviceId}`)).status).toBe(404);
    expect((await session.get('/mypage')).status).toBe(303); // the old session is over
    const login = await new TestClient(ctx()).post('/login', { email: seller.email, password: DEFAULT_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.text).toContain('規約第5条違反（外部取引の勧誘）');
    expect(login.text).toContain('/support?category=suspension_appeal');
    // A wrong password learns nothing about the suspension.
    expect(
      (await new TestClient(ctx()).post('/login', { email: seller.email, password: 'wrong password wrong password' }))
        .text,
    ).not.toContain('規約第5条');

    expect(await liftSuspension(ctx().deps, operator, seller.id)).toBe(true);
    expect({
      profile: (await visitor.get(`/users/${seller.username}`)).status,
      service: (await visitor.get(`/services/${serviceId}`)).status,
    }).toEqual(before);
    expect((await ctx().deps.db.select().from(services).where(eq(services.id, serviceId)))[0].status).toBe('published');
    expect(
      (await new TestClient(ctx()).post('/login', { email: seller.email, password: DEFAULT_PASSWORD })).status,
    ).toBe(303);
  });

  it('returns a paused member to paused, and ends a dated suspension by itself', async () => {
    const member = await createMember(ctx());
    await pauseMember(ctx().deps, asCurrent(member), origin);
    await suspendMember(ctx().deps, null, member.id, {
      reason: '確認のため',
      endsAt: new Date(ctx().clock.now().getTime() + 3 * DAY),
    });
    expect(await liftEndedSuspensions(ctx().deps)).toBe(0);
    ctx().clock.advance(3 * DAY + 1000);
    expect(await liftEndedSuspensions(ctx().deps)).toBeGreaterThanOrEqual(1);
    expect((await ctx().deps.db.select().from(members).where(eq(members.id, member.id)))[0].status).toBe('paused');
    expect(await liftEndedSuspensions(ctx().deps)).toBe(0);
  });
});

describeOnDatabases('trust records: edge cases', (ctx) => {
  it('keeps a ban that another suspended member still holds when one suspension is lifted', async () => {
    const first = await createMember(ctx());
    const second = await createMember(ctx());
    await addPayoutAccount(ctx(), first, '5550002');
    await addPayoutAccount(ctx(), second, '5550002');
    await suspendMember(ctx().deps, null, first.id, { reason: '複数アカウント', endsAt: null });
    await suspendMember(ctx().deps, null, second.id, { reason: '複数アカウント', endsAt: null });
    expect(await liftSuspension(ctx().deps, null, first.id)).toBe(true);
    await expect(addPayoutAccount(ctx(), await createMember(ctx()), '5550002')).rejects.toThrow(
      'payout account refused',
    );
  });

  it('reopens a dismissed case when stronger evidence arrives, and keeps one case per pair', async () => {
    const device = `dev-${Math.random()}`;
    const older = await createMember(ctx(), { deviceToken: device, ip: '198.51.100.9' });
    const newer = await createMember(ctx(), { deviceToken: device, ip: '198.51.100.9' });
    const operator = await createMember(ctx(), { role: 'operator' });
    const [weak] = await ctx().deps.db.select().from(duplicateCases).where(eq(duplicateCases.memberId, newer.id));
    await decideDuplicateCase(ctx().deps, operator, weak.id, { action: 'dismiss' });
    await addPayoutAccount(ctx(), older, '5550003');
    await addPayoutAccount(ctx(), newer, '5550003');
    const cases = await ctx().deps.db.select().from(duplicateCases).where(eq(duplicateCases.memberId, newer.id));
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ status: 'open', strength: 'strong', evidence: ['bank', 'device', 'ip'] });
  });

  it('keeps the payout account while a payout is requested', async () => {
    const { seller } = await createOrder(ctx(), { status: 'completed', priceYen: 5000 });
    await addPayoutAccount(ctx(), seller, '5550004');
    expect((await requestPayout(ctx().deps, asCurrent(seller), 4000)).ok).toBe(true);
    await expect(addPayoutAccount(ctx(), seller, '5550005')).rejects.toThrow('payout account refused');
  });

  it('gives accounts from before identity signals their signals, and old suspensions a record that can be lifted', async () => {
    const old = await createMember(ctx());
    const oldSuspended = await createMember(ctx());
    await ctx().deps.db.delete(identitySignals).where(eq(identitySignals.memberId, old.id));
    await ctx().deps.db.update(members).set({ status: 'suspended' }).where(eq(members.id, oldSuspended.id));
    while ((await backfillTrustRecords(ctx().deps)) > 0);
    expect(
      (await ctx().deps.db.select().from(identitySignals).where(eq(identitySignals.memberId, old.id))).map(
        (s) => s.kind,
      ),
    ).toEqual(['email']);
    expect(await liftSuspension(ctx().deps, null, oldSuspended.id)).toBe(true);
    expect((await ctx().deps.db.select().from(members).where(eq(members.id, oldSuspended.id)))[0].status).toBe(
      'active',
    );
  });

  it('shows a suspended member with two-step verification no reason after the password alone', async () => {
    const member = await createMember(ctx());
    await enableTotp(ctx(), member);
    await suspendMember(ctx().deps, null, member.id, { reason: '秘密の理由', endsAt: null });
    const login = await new TestClient(ctx()).post('/login', { email: member.email, password: DEFAULT_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.text).not.toContain('秘密の理由');
    expect(login.text).toContain('メールでお知らせしています');
  });
});

describeOnDatabases('fake reviews', (ctx) => {
  it('holds a review between accounts that share a browser, and counts it only once an operator publishes it', async () => {
    const device = `shared-${Math.random()}`;
    const seller = await createMember(ctx(), { deviceToken: device });
    const buyer = await createMember(ctx(), { deviceToken: device });
    const { orderId, serviceId } = await createOrder(ctx(), { status: 'completed', buyer, seller });
    expect((await leaveReview(ctx().deps, buyer.id, orderId, { rating: 5, comment: '最高でした' })).ok).toBe(true);
    const [held] = await ctx().deps.db.select().from(reviews).where(eq(reviews.orderId, orderId));
    expect(held).toMatchObject({ status: 'held', heldReason: 'shared_signals' });
    expect(await ratingOf(ctx().deps.db as never, seller.id)).toEqual({ average: null, count: 0 });
    expect((await new TestClient(ctx()).get(`/services/${serviceId}`)).text).not.toContain('最高でした');

    const operator = await createMember(ctx(), { role: 'operator' });
    expect(await moderateReview(ctx().deps, operator, held.id, 'publish')).toBe(true);
    expect(await ratingOf(ctx().deps.db as never, seller.id)).toEqual({ average: 5, count: 1 });
    expect((await ctx().deps.db.select().from(services).where(eq(services.id, serviceId)))[0]).toMatchObject({
      ratingSum: 5,
      ratingCount: 1,
    });
    expect(await moderateReview(ctx().deps, operator, held.id, 'remove')).toBe(true);
    expect(await ratingOf(ctx().deps.db as never, seller.id)).toEqual({ average: null, count: 0 });
    expect((await ctx().deps.db.select().from(services).where(eq(services.id, serviceId)))[0]).toMatchObject({
      ratingSum: 0,
      ratingCount: 0,
    });
  });

  it('publishes a review between strangers, and holds a burst from brand-new accounts', async () => {
    const seller = await createMember(ctx());
    const results: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const buyer = await createMember(ctx());
      const { orderId } = await createOrder(ctx(), { status: 'completed', buyer, seller });
      await leaveReview(ctx().deps, buyer.id, orderId, { rating: 5, comment: `よかった${i}` });
      results.push((await ctx().deps.db.select().from(reviews).where(eq(reviews.orderId, orderId)))[0].status);
    }
    expect(results).toEqual(['published', 'published', 'held']);
  });
});
