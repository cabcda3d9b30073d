import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members, securityEvents } from '../accounts/schema';
import { dictionaries } from '../dictionary';
import { DAY } from '../platform/clock';
import { requestPayout } from '../marketplace/money/payouts';
import { purchaseService } from '../marketplace/orders/purchase';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD, SIGNUP_CONSENT } from '../../tests/support/factories';
import { asCurrent, createOrder, createService } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { publishTermsVersion } from '../../tests/support/terms';
import { termsPendingSql } from './terms';
import { termsConsents } from './termsSchema';

const signupFields = (tag: string) => ({
  email: `terms.${tag}@example.test`,
  username: `terms_${tag}`,
  displayName: `規約${tag}`,
  password: 'a long and quiet passphrase for tests',
});

// The tests run in order on one database: the sign-ups agree to the first version before later ones are published.
describeOnDatabases('利用規約 and consent', (ctx) => {
  const consentsOf = (memberId: string) =>
    ctx().deps.db.select().from(termsConsents).where(eq(termsConsents.memberId, memberId));
  const memberByEmail = async (email: string) =>
    (await ctx().deps.db.select().from(members).where(eq(members.email, email)))[0];
  const pending = async (memberId: string) => {
    const result: any = await ctx().deps.db.execute(
      sql`select ${termsPendingSql(members.id, ctx().clock.now())} as pending from members where id = ${memberId}`,
    );
    return Boolean(result.rows[0].pending);
  };

  it('refuses a sign-up without agreement or age, with the message beside each field, and writes nothing', async () => {
    const client = new TestClient(ctx());
    const { termsVersion } = SIGNUP_CONSENT;
    const none = await client.post('/signup', { ...signupFields('n1'), termsVersion });
    expect(none.status).toBe(422);
    expect(none.text).toContain('登録するには、利用規約とプライバシーポリシーへの同意が必要です。');
    expect(none.text).toContain('18歳以上か、18歳未満で法定代理人の同意があるかを選んでください。');
    expect(none.text).toContain('value="terms.n1@example.test"');
    const badAge = await client.post('/signup', { ...signupFields('n2'), ...SIGNUP_CONSENT, age: '17' });
    expect(badAge.status).toBe(422);
    expect(badAge.text).toContain('18歳以上か、18歳未満で法定代理人の同意があるかを選んでください。');
    expect(badAge.text).not.toContain('利用規約とプライバシーポリシーへの同意が必要です');
    // The form showed a version that is no longer the one in force: shown again, not agreed blindly.
    const stale = await client.post('/signup', {
      ...signupFields('n3'),
      ...SIGNUP_CONSENT,
      termsVersion: '2025-01-01',
    });
    expect(stale.status).toBe(422);
    expect(stale.text).toContain('利用規約が新しくなりました。');
    expect(stale.text).toContain('name="termsVersion" value="2026-01-01"');
    for (const tag of ['n1', 'n2', 'n3']) expect(await memberByEmail(`terms.${tag}@example.test`)).toBeUndefined();
    expect((await client.get('/signup')).text).toContain('name="termsVersion" value="2026-01-01"');
  });

  it('records the consent of a sign-up: versions, age, when and from where', async () => {
    const client = new TestClient(ctx());
    const res = await client.post('/signup', { ...signupFields('ok'), ...SIGNUP_CONSENT, age: 'minor_with_guardian' });
    expect(res.status).toBe(200);
    const member = await memberByEmail('terms.ok@example.test');
    const [consent] = await consentsOf(member.id);
    expect(consent).toMatchObject({
      privacyRevision: '2026-01-01',
      kind: 'signup',
      age: 'minor_with_guardian',
    });
    // From where: the same origin the security log recorded for the sign-up.
    const [event] = await ctx()
      .deps.db.select()
      .from(securityEvents)
      .where(and(eq(securityEvents.memberId, member.id), eq(securityEvents.kind, 'signup')));
    expect({ ip: consent.ip, userAgent: consent.userAgent }).toEqual({ ip: event.ip, userAgent: event.userAgent });
    expect(consent.agreedAt.getTime()).toBe(member.createdAt.getTime());
    expect(await pending(member.id)).toBe(false);
  });

  it('shows the terms in force with its date in Japan time, lists versions, and opens each one', async () => {
    const visitor = new TestClient(ctx());
    const page = await visitor.get('/terms');
    expect(page.status).toBe(200);
    expect(page.text).toContain('第1条（適用）');
    expect(page.text).toContain('第11条（準拠法・管轄）');
    expect(page.text).toContain('2026年1月1日から適用');
    expect(page.text).toContain('href="/terms"'); // the footer link
    await publishTermsVersion(ctx(), '2026-03-01', new Date('2026-02-28T15:00:00Z'));
    const later = await visitor.get('/terms');
    expect(later.text).toContain('改定版2026-03-01の本文です。');
    expect(later.text).toContain('2026年3月1日から適用');
    expect(later.text).toContain('href="/terms/2026-01-01"');
    const old = await visitor.get('/terms/2026-01-01');
    expect(old.text).toContain('これは過去の版です。');
    expect(old.text).toContain('第2条（会員登録）');
    expect((await visitor.get('/terms?version=2026-01-01')).text).toContain('これは過去の版です。');
    expect((await visitor.get('/terms/1999-01-01')).status).toBe(404);
    // A version announced for later is not yet shown as in force.
    await publishTermsVersion(ctx(), '2027-01-01', new Date('2027-01-01T00:00:00+09:00'));
    expect((await visitor.get('/terms')).text).toContain('改定版2026-03-01の本文です。');
    expect((await visitor.get('/terms/2027-01-01')).status).toBe(404);
  });

  it('asks again after a new version takes effect: no trading until agreed, but export and withdrawal stay open', async () => {
    const order = await createOrder(ctx(), { status: 'in_progress' });
    const seller = await createMember(ctx());
    const serviceId = await createService(ctx(), seller);
    ctx().clock.advance(DAY);
    const version = await publishTermsVersion(ctx(), '2026-04-02', ctx().clock.now());
    const buyer = order.buyer;
    expect(await pending(buyer.id)).toBe(true);

    const client = new TestClient(ctx());
    await client.logIn(buyer.email, DEFAULT_PASSWORD);
    const home = await client.get('/');
    expect(home.text).toContain('利用規約が改定されました。取引を続けるには同意が必要です。');
    expect(home.text).toContain('href="/terms/agree"');
    // Trading waits: a message in the order room, a purchase.
    const message = await client.post(`/orders/${order.orderId}/messages`, { body: 'まだ同意していません' });
    expect(message.text).toContain('新しい規約に同意すると、取引を続けられます');
    const refused = await purchaseService(
      ctx().deps,
      { ...asCurrent(buyer), termsPending: await pending(buyer.id) },
      { serviceId, pointsToUse: 0, idempotencyKey: crypto.randomUUID(), expectedPriceYen: 5000, optionPrices: {} },
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem(dictionaries.ja)).toContain('新しい規約に同意すると');
    // Reading, the data download and leaving do not wait.
    expect((await client.get(`/services/${serviceId}`)).status).toBe(200);
    expect((await client.post('/settings/export')).location).toBe('/settings/export');
    expect((await client.get('/settings/withdrawal')).status).toBe(200);

    const agreePage = await client.get('/terms/agree');
    expect(agreePage.text).toContain('第8条（免責）を改定版2026-04-02で書き直しました。');
    // A form from a page that showed an older version agrees to nothing.
    const stale = await client.post('/terms/agree', { termsVersion: '2026-01-01' });
    expect(stale.status).toBe(409);
    expect((await consentsOf(buyer.id)).filter((c) => c.kind === 'reconsent')).toEqual([]);
    const agreed = await client.post('/terms/agree', { termsVersion: '2026-04-02' });
    expect(agreed.location).toBe('/terms/agree?notice=agreed');
    const rows = await consentsOf(buyer.id);
    expect(rows.find((c) => c.kind === 'reconsent')).toMatchObject({ termsVersionId: version.id, age: null });
    expect(await pending(buyer.id)).toBe(false);
    expect((await client.get('/')).text).not.toContain('利用規約が改定されました。');
    const after = await client.post(`/orders/${order.orderId}/messages`, { body: '同意しました' });
    expect(after.status).toBe(303);
  });

  it('refuses a payout to a member who signed up as under 18, with the reason beside the amount', async () => {
    const minor = await createMember(ctx(), { age: 'minor_with_guardian' });
    const adult = await createMember(ctx());
    const refused = await requestPayout(ctx().deps, asCurrent(minor), 5000);
    expect(!refused.ok && refused.problem(dictionaries.ja)).toContain('18歳未満の方は売上金の振込を申請できません');
    // An adult meets the usual rules instead (here: no bank account yet).
    const other = await requestPayout(ctx().deps, asCurrent(adult), 5000);
    expect(!other.ok && other.problem(dictionaries.ja)).not.toContain('18歳未満');
    const client = new TestClient(ctx());
    await client.logIn(minor.email, DEFAULT_PASSWORD);
    const page = await client.post('/mypage/payouts', { amountYen: '5000' });
    expect(page.status).toBe(422);
    expect(page.text).toContain('18歳未満の方は売上金の振込を申請できません');
  });
});
