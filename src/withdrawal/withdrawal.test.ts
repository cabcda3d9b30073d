import { and, count, eq, or } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { mailOutbox } from '../platform/mail/schema';
import { members, sessions } from '../accounts/schema';
import { services } from '../marketplace/schema';
import { followRequests, follows } from '../privacy/schema';
import { grantPoints } from '../marketplace/money/ledger';
import { decidePayout, requestPayout } from '../marketplace/money/payouts';
import { leaveReview } from '../marketplace/reviews';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD, SIGNUP_CONSENT } from '../../tests/support/factories';
import { addPayoutAccount, asCurrent, createOrder, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { operatorClient } from '../../tests/support/trust';
import { withdrawalBlockers } from './rules';
import { withdrawalReasons } from './schema';
import { WITHDRAWAL_ACCOUNT_PURGE_JOB, WITHDRAWAL_CLEANUP_JOB } from './withdrawMember';

describeOnDatabases('withdrawal (退会)', (ctx) => {
  async function loggedIn(member: { email: string }) {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  }
  const submit = (client: TestClient, form: Record<string, string> = {}) =>
    client.post('/settings/withdrawal', {
      reason: 'rarely_used',
      freeText: '',
      understood: 'on',
      password: DEFAULT_PASSWORD,
      ...form,
    });

  it('is blocked by open orders, unpaid sales and payouts in progress, each with the link that settles it', async () => {
    const operator = await createMember(ctx(), { role: 'operator' });
    const order = await createOrder(ctx(), { status: 'delivered', priceYen: 3000 });
    expect((await withdrawalBlockers(ctx().deps.db, order.buyer.id)).map((b) => b.kind)).toEqual(['openOrder']);
    const seller = await loggedIn(order.seller);
    const page = await seller.get('/settings/withdrawal');
    expect(page.text).toContain('販売した取引');
    expect(page.text).toContain(`/orders/${order.orderId}`);
    expect((await seller.get('/settings/withdrawal?step=4')).text).toContain('解決が必要なこと'); // steps stay closed
    expect((await submit(seller)).status).toBe(422);
    const buyer = await loggedIn(order.buyer);
    await buyer.post(`/orders/${order.orderId}/actions/approve`);
    expect((await seller.get('/settings/withdrawal')).text).toContain('振り込まれていない売上金が2,700円');
    await addPayoutAccount(ctx(), order.seller);
    const payout = await requestPayout(ctx().deps, asCurrent(order.seller), 2700);
    expect((await seller.get('/settings/withdrawal')).text).toContain('振込申請中の売上金が2,700円');
    await decidePayout(ctx().deps, operator.id, payout.ok ? payout.payoutId : '', 'paid');
    expect(await withdrawalBlockers(ctx().deps.db, order.seller.id)).toEqual([]);
    expect((await seller.get('/settings/withdrawal')).text).toContain('退会を妨げるものはありません');
  });

  it('shows what is lost, counted, and what is kept and why, then withdraws in one go with re-authentication', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    const leaver = order.buyer;
    await leaveReview(ctx().deps, leaver.id, order.orderId, { rating: 4, comment: '丁寧な対応でした' });
    await ctx().deps.db.transaction((tx) =>
      grantPoints(
        tx,
        { memberId: leaver.id, amount: 700, expiresAt: new Date(ctx().clock.now().getTime() + 20 * DAY), note: 't' },
        ctx().clock.now(),
      ),
    );
    const fan = await createMember(ctx());
    await ctx()
      .deps.db.insert(follows)
      .values({ followerId: fan.id, followeeId: leaver.id, createdAt: ctx().clock.now() });
    const shy = await createMember(ctx());
    await ctx()
      .deps.db.insert(followRequests)
      .values([
        { requesterId: fan.id, followeeId: leaver.id, createdAt: ctx().clock.now() },
        { requesterId: leaver.id, followeeId: shy.id, createdAt: ctx().clock.now() },
      ]);
    await createService(ctx(), leaver, { title: '退会者のサービス' });
    const client = await loggedIn(leaver);
    const other = await loggedIn(leaver);
    expect((await client.get('/settings/withdrawal')).text).toContain('ポイント 700ポイント');
    const confirm = await client.post('/settings/withdrawal/confirm', {
      reason: 'fees_high',
      freeText: '手数料が高い',
    });
    expect(confirm.text).toContain('購入した取引 1件');
    expect(confirm.text).toContain('書いた評価 1件');
    expect(confirm.text).toContain('フォロワー 1人');
    expect(confirm.text).toContain('取引と出品（2026年度分）: 2034年5月31日まで保存');
    expect(confirm.text).toContain('上記を理解しました');
    expect((await submit(client, { understood: '' })).text).toContain('チェックを入れてください');
    expect((await submit(client, { password: 'not my password at all' })).text).toContain(
      '現在のパスワードが正しくありません',
    );
    const done = await submit(client, { reason: 'fees_high', freeText: '手数料が高い' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('退会手続きが完了しました');

    const [row] = await ctx().deps.db.select().from(members).where(eq(members.id, leaver.id));
    expect(row.status).toBe('withdrawn');
    const live = await ctx()
      .deps.db.select()
      .from(sessions)
      .where(and(eq(sessions.memberId, leaver.id)));
    expect(live.every((s) => s.endedAt !== null)).toBe(true);
    expect((await other.get('/settings')).status).toBe(303);
    const [service] = await ctx().deps.db.select().from(services).where(eq(services.sellerId, leaver.id));
    expect(service.status).toBe('deleted');
    const reasons = await ctx().deps.db.select().from(withdrawalReasons);
    expect(reasons.some((r) => r.reasons.includes('fees_high') && r.freeText === '手数料が高い')).toBe(true);
    expect(Object.keys(reasons[0])).not.toContain('memberId');
    const mail = (
      await ctx()
        .deps.db.select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.memberId, leaver.id), eq(mailOutbox.template, 'withdrawal_complete')))
    )[0];
    expect(mail.textBody).toContain('退会手続きが完了しました');
    expect(mail.textBody).toContain('・メールアドレスとパスワード: 2026年5月1日に削除');
    expect(mail.textBody).toContain('2026年4月1日 09:00（日本時間）');
    expect(mail.textBody).toContain('/signup');
    // A second submit changes nothing and sends nothing more.
    expect((await submit(client)).status).toBe(303);
    const [{ n }] = await ctx()
      .deps.db.select({ n: count() })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, leaver.id), eq(mailOutbox.template, 'withdrawal_complete')));
    expect(n).toBe(1);

    // The clean-up job, run twice as after a crash and retry, ends in the same state.
    await ctx().deps.jobs.drain(WITHDRAWAL_CLEANUP_JOB);
    const { cleanUpWithdrawnMember } = await import('./cleanup');
    await cleanUpWithdrawnMember(ctx().deps, leaver.id);
    expect(await ctx().deps.db.select().from(follows).where(eq(follows.followeeId, leaver.id))).toHaveLength(0);
    expect(
      await ctx()
        .deps.db.select()
        .from(followRequests)
        .where(or(eq(followRequests.requesterId, leaver.id), eq(followRequests.followeeId, leaver.id))),
    ).toHaveLength(0);
  });

  it('afterwards: the old login says withdrawn, the profile is gone (410), counterparts see 退会したユーザー and cannot reply', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    const leaver = order.buyer; // the seller holds a balance; the buyer can leave at once
    await leaveReview(ctx().deps, leaver.id, order.orderId, { rating: 5, comment: 'またよろしくお願いします' });
    const leaverClient = await loggedIn(leaver);
    await leaverClient.post(`/orders/${order.orderId}/messages`, { body: '最後のご連絡です' });
    expect((await submit(leaverClient)).status).toBe(200);

    const again = new TestClient(ctx());
    expect((await again.post('/login', { email: leaver.email, password: DEFAULT_PASSWORD })).text).toContain(
      'このアカウントは退会済みです',
    );
    expect((await again.post('/login', { email: leaver.email, password: 'a wrong guess entirely' })).text).toContain(
      'メールアドレスまたはパスワードが正しくありません',
    );
    const profile = await again.get(`/users/${leaver.username}`);
    expect(profile.status).toBe(410);
    expect(profile.text).toContain('このユーザーは退会しました');

    const counterpart = await loggedIn(order.seller);
    const room = await counterpart.get(`/orders/${order.orderId}`);
    expect(room.text).toContain('退会したユーザー');
    expect(room.text).toContain('最後のご連絡です');
    expect(room.text).not.toContain(leaver.displayName);
    expect(room.text).toContain('このお相手には返信できません');
    expect(
      (await counterpart.post(`/orders/${order.orderId}/messages`, { body: 'ありがとうございました' })).status,
    ).toBe(422);
    const counterpartProfile = await again.get(`/users/${order.seller.username}`);
    expect(counterpartProfile.text).toContain('またよろしくお願いします');
    expect(counterpartProfile.text).toContain('退会したユーザー');
    expect(counterpartProfile.text).toContain('★5.0（1件）');
    await ctx().deps.jobs.drain(WITHDRAWAL_CLEANUP_JOB);
    // Thirty days later the address and password are gone too; the username stays reserved.
    ctx().clock.advance(31 * DAY);
    const { purgeWithdrawnAccount } = await import('./cleanup');
    await purgeWithdrawnAccount(ctx().deps, leaver.id);
    const [gone] = await ctx().deps.db.select().from(members).where(eq(members.id, leaver.id));
    expect(gone.email).not.toContain(leaver.email);
    expect(gone.passwordHash).toBeNull();
    expect((await again.post('/login', { email: leaver.email, password: DEFAULT_PASSWORD })).text).toContain(
      'メールアドレスまたはパスワードが正しくありません',
    );
    expect(WITHDRAWAL_ACCOUNT_PURGE_JOB).toBe('withdrawal.account-purge');
  });

  it('lets the same address register again as a new, empty account; the old username stays reserved', async () => {
    const order = await createOrder(ctx(), { status: 'completed' });
    const leaver = order.buyer;
    const client = await loggedIn(leaver);
    await submit(client);
    const signup = await new TestClient(ctx()).post('/signup', {
      ...SIGNUP_CONSENT,
      email: leaver.email,
      username: leaver.username,
      displayName: '戻ってきた人',
      password: 'sora ni ukabu shiroi kumo',
    });
    expect(signup.text).toContain('このユーザー名はすでに使われています');
    const fresh = await new TestClient(ctx()).post('/signup', {
      ...SIGNUP_CONSENT,
      email: leaver.email,
      username: `${leaver.username.slice(0, 15)}_new`,
      displayName: '戻ってきた人',
      password: 'sora ni ukabu shiroi kumo',
    });
    expect(fresh.text).toContain('確認メールを送信しました');
    const accounts = await ctx().deps.db.select().from(members).where(eq(members.email, leaver.email));
    expect(accounts.map((a) => a.status).sort()).toEqual(['active', 'withdrawn']);
    const newcomer = accounts.find((a) => a.status === 'active')!;
    const home = new TestClient(ctx());
    await home.logIn(leaver.email, 'sora ni ukabu shiroi kumo');
    const mypage = await home.get('/mypage');
    expect(mypage.text).toContain('まだありません');
    expect(mypage.text).toMatch(/data-testid="points-balance"[^>]*>0ポイント/);
    expect(newcomer.id).not.toBe(leaver.id);
  });

  it('pauses and resumes: blocked by open orders; hides profile and services; refuses messages', async () => {
    const order = await createOrder(ctx());
    const seller = await loggedIn(order.seller);
    expect((await seller.post('/settings/pause')).status).toBe(422);
    await (await loggedIn(order.buyer)).post(`/orders/${order.orderId}/actions/requestCancel`);
    await seller.post(`/orders/${order.orderId}/actions/agreeCancel`);
    expect((await seller.post('/settings/pause')).location).toBe('/settings/pause');
    expect((await seller.get('/settings/pause')).text).toContain('現在、アカウントを休止しています');
    const visitor = new TestClient(ctx());
    expect((await visitor.get(`/users/${order.seller.username}`)).text).toContain('お休み中');
    expect((await visitor.get(`/services/${order.serviceId}`)).status).toBe(404);
    const someone = await loggedIn(await createMember(ctx()));
    expect((await someone.post('/messages/start', { to: order.seller.username })).status).toBe(404);
    expect((await seller.get('/settings')).status).toBe(200); // still logs in
    await seller.post('/settings/resume');
    expect((await visitor.get(`/services/${order.serviceId}`)).status).toBe(200);
    expect((await visitor.get(`/users/${order.seller.username}`)).status).toBe(200);
  });

  it('shows operators the reasons by count and month, without identities', async () => {
    const member = await createMember(ctx());
    await submit(await loggedIn(member), { reason: 'privacy_worry', freeText: '匿名の意見です' });
    const operator = await operatorClient(ctx());
    const report = await operator.get('/admin/withdrawals');
    expect(report.text).toContain('個人情報が心配');
    expect(report.text).toContain('匿名の意見です');
    expect(report.text).not.toContain(member.email);
    expect(report.text).not.toContain(member.username);
    expect((await (await loggedIn(await createMember(ctx()))).get('/admin/withdrawals')).status).toBe(404);
  });
});

describeOnDatabases('suspended members do not come back', (ctx) => {
  it('refuses a sign-up with the address of a suspended member, however it is written, and forgets it after 3 years', async () => {
    const { suspendMember } = await import('../trust/suspension');
    const { purgeExpired } = await import('../retention/purge');
    const { bannedIdentities } = await import('../trust/schema');
    const banned = await createMember(ctx());
    const [local, domain] = banned.email.split('@');
    await suspendMember(ctx().deps, null, banned.id, { reason: '規約違反', endsAt: null });
    const stored = await ctx().deps.db.select().from(bannedIdentities);
    expect(JSON.stringify(stored)).not.toContain(local);
    // The suspended account leaves; the address is free in the members table, but the ban remembers it.
    await ctx()
      .deps.db.update(members)
      .set({ status: 'withdrawn', withdrawnAt: ctx().clock.now() })
      .where(eq(members.id, banned.id));
    for (const email of [banned.email, `${local.toUpperCase()}+again@${domain}`]) {
      const res = await new TestClient(ctx()).post('/signup', {
        ...SIGNUP_CONSENT,
        email,
        username: `back_${Math.floor(Math.random() * 1e6)}`,
        displayName: '別人です',
        password: 'mizu no oto ga kikoeru yoru',
      });
      expect(res.text).toContain('このメールアドレスでは登録できません');
    }
    ctx().clock.advance(3 * 366 * DAY);
    expect((await purgeExpired(ctx().deps)).find((l) => l.table === 'banned_identities')?.rows).toBeGreaterThanOrEqual(
      1,
    );
    const later = await new TestClient(ctx()).post('/signup', {
      ...SIGNUP_CONSENT,
      email: banned.email,
      username: `back_${Math.floor(Math.random() * 1e6)}`,
      displayName: '別人です',
      password: 'mizu no oto ga kikoeru yoru',
    });
    expect(later.text).toContain('確認メールを送信しました');
  });
});

describeOnDatabases('withdrawal survives a crash of the worker', (ctx) => {
  it('re-runs the clean-up after a crash half-way, ends in the same state, and sends the completion mail once', async () => {
    const { createJobs } = await import('../platform/jobs');
    const { cleanUpWithdrawnMember } = await import('./cleanup');
    const { deliverMail } = await import('../platform/mail/deliver');
    const { DELIVER_MAIL_JOB } = await import('../platform/mail/outbox');
    const member = await createMember(ctx());
    const fan = await createMember(ctx());
    await ctx()
      .deps.db.insert(follows)
      .values({ followerId: fan.id, followeeId: member.id, createdAt: ctx().clock.now() });
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    expect(
      (
        await client.post('/settings/withdrawal', {
          reason: 'other',
          freeText: '',
          understood: 'on',
          password: DEFAULT_PASSWORD,
        })
      ).status,
    ).toBe(200);

    const sent: string[] = [];
    const transport = { send: async (m: { to: string; subject: string }) => void sent.push(`${m.to} ${m.subject}`) };
    let cleanupRuns = 0;
    // A real worker: the first clean-up dies after doing part of its work, as a killed process would.
    const worker = createJobs(ctx().deps.database, ctx().deps.log, {
      work: true,
      retryDelaySeconds: 1,
      pollingSeconds: 0.5,
    });
    worker.define<{ memberId: string }>({
      name: WITHDRAWAL_CLEANUP_JOB,
      expireSeconds: 60,
      handler: async ({ memberId }) => {
        cleanupRuns += 1;
        await cleanUpWithdrawnMember(ctx().deps, memberId);
        if (cleanupRuns === 1) throw new Error('worker killed mid-way');
      },
    });
    worker.define<{ mailId: string }>({
      name: DELIVER_MAIL_JOB,
      expireSeconds: 60,
      handler: async ({ mailId }) =>
        void (await deliverMail(
          { db: ctx().deps.db, clock: ctx().clock, log: ctx().deps.log, transport, mailFrom: 'x@example.test' },
          mailId,
        )),
    });
    await worker.start();
    try {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (cleanupRuns < 2 || !sent.some((s) => s.includes('退会手続きが完了しました'))))
        await new Promise((r) => setTimeout(r, 200));
    } finally {
      await worker.stop();
    }
    expect(cleanupRuns).toBe(2);
    expect(await ctx().deps.db.select().from(follows).where(eq(follows.followeeId, member.id))).toHaveLength(0);
    const [row] = await ctx().deps.db.select().from(members).where(eq(members.id, member.id));
    expect([row.status, row.bio, row.avatarPath]).toEqual(['withdrawn', '', null]);
    // Delivering the same mail again (a duplicated job) sends nothing more.
    const [mail] = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'withdrawal_complete')));
    await deliverMail(
      { db: ctx().deps.db, clock: ctx().clock, log: ctx().deps.log, transport, mailFrom: 'x@example.test' },
      mail.id,
    );
    expect(sent.filter((s) => s.includes('退会手続きが完了しました'))).toHaveLength(1);
  });
});
