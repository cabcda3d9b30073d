import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ledgerEntries, payoutAccounts, payouts } from '../marketplace/schema';
import { salesBalance } from '../marketplace/money/ledger';
import { decidePayout } from '../marketplace/money/payouts';
import { MINUTE } from '../platform/clock';
import { mailOutbox } from '../platform/mail/schema';
import { purgeExpired } from '../retention/purge';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { addPayoutAccount, createOrder } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';

type Ctx = ReturnType<Parameters<Parameters<typeof describeOnDatabases>[1]>[0]>;

async function loggedIn(ctx: Ctx, member: { email: string }) {
  const client = new TestClient(ctx);
  await client.logIn(member.email, DEFAULT_PASSWORD);
  return client;
}

const leave = (client: TestClient, form: Record<string, string> = {}) =>
  client.post('/settings/withdrawal', {
    reason: 'rarely_used',
    freeText: '',
    understood: 'on',
    password: DEFAULT_PASSWORD,
    ...form,
  });

async function completionMail(ctx: Ctx, memberId: string) {
  const [mail] = await ctx.deps.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.memberId, memberId), eq(mailOutbox.template, 'withdrawal_complete')));
  return mail;
}

describeOnDatabases(
  'a period changed in the settings: every text and the purge follow',
  (ctx) => {
    it('says ten years on the privacy page, the last step and the mail, and the purge keeps the records exactly that long', async () => {
      const privacy = await new TestClient(ctx()).get('/privacy');
      expect(privacy.text).toContain('を起点に10年間保存');
      expect(privacy.text).toMatch(/data-testid="transaction-setting">[^<]*10年間保存します/);
      expect(privacy.text).not.toContain('7年');

      // Bought and finished on 1 April 2026 (Japan time): fiscal year 2026, kept until 31 May 2037 with ten years.
      const { buyer } = await createOrder(ctx(), { status: 'completed', priceYen: 3000 });
      const client = await loggedIn(ctx(), buyer);
      const step4 = await client.post('/settings/withdrawal/confirm', { reason: 'other', freeText: '' });
      expect(step4.text).toContain('取引と出品（2026年度分）: 2037年5月31日まで保存');
      expect(step4.text).toContain('お金の記録（2026年度分）: 2037年5月31日まで保存');
      expect((await leave(client)).status).toBe(200);
      const mail = await completionMail(ctx(), buyer.id);
      expect(mail.textBody).toContain('・お金の記録（2026年度分）: 2037年5月31日まで保存');
      expect(mail.htmlBody).toContain('<li>お金の記録（2026年度分）: 2037年5月31日まで保存');

      const buyerLines = async () =>
        (await ctx().deps.db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.memberId, buyer.id)))[0]
          .n;
      expect(await buyerLines()).toBeGreaterThan(0);
      // The seven-year date has passed: with ten years set, nothing goes.
      ctx().clock.set(new Date('2034-06-02T00:00:00Z'));
      await purgeExpired(ctx().deps);
      expect(await buyerLines()).toBeGreaterThan(0);
      // 23:00 on 31 May 2037 in Japan: the last day said, still kept.
      ctx().clock.set(new Date('2037-05-31T14:00:00Z'));
      await purgeExpired(ctx().deps);
      expect(await buyerLines()).toBeGreaterThan(0);
      // 1 June 2037 in Japan: gone.
      ctx().clock.set(new Date('2037-05-31T15:00:01Z'));
      await purgeExpired(ctx().deps);
      expect(await buyerLines()).toBe(0);
    });
  },
  { env: { TRANSACTION_RETENTION_YEARS: '10' } },
);

describeOnDatabases('leaving, told exactly', (ctx) => {
  it("lists only this member's own kept categories with their dates, names every other category beside its fate, and never mentions coupons", async () => {
    const member = await createMember(ctx());
    const client = await loggedIn(ctx(), member);
    const step1 = await client.get('/settings/withdrawal');
    expect(step1.text).not.toContain('クーポン');
    expect(step1.text).toContain('href="/privacy/retention"');
    const step4 = await client.post('/settings/withdrawal/confirm', { reason: 'other', freeText: '' });
    // 1 April 2026 09:00 in Japan, plus thirty days.
    expect(step4.text).toContain('メールアドレスとパスワード: 2026年5月1日に削除');
    expect(step4.text).toContain('ログインと安全の記録: 2027年4月1日まで保存');
    // No orders, no money: those lines are left out.
    expect(step4.text).not.toContain('年度分');
    expect(step4.text).not.toContain('data-category="money"');
    expect(step4.text).toContain('<strong>二段階認証とパスキー</strong>: 退会と同時に削除します');
    expect(step4.text).not.toMatch(/<li>退会と同時に削除します。<\/li>/);
  });

  it('posts the reasons (no free text in an address), gives a tampered reason its form back with a message, and says a wrong password beside its field', async () => {
    const member = await createMember(ctx());
    const client = await loggedIn(ctx(), member);
    const step3 = await client.get('/settings/withdrawal?step=3');
    expect(step3.text).toContain('<form method="post" action="/settings/withdrawal/confirm"');
    // The old address with the free text in it no longer reaches the last step.
    const viaAddress = await client.get('/settings/withdrawal?step=4&freeText=secret');
    expect(viaAddress.text).not.toContain('secret');
    expect(viaAddress.text).toContain('name="freeText"');

    for (const path of ['/settings/withdrawal/confirm', '/settings/withdrawal']) {
      const tampered = await client.post(path, { reason: 'not_a_reason', freeText: '', understood: 'on' });
      expect(tampered.status).toBe(422);
      expect(tampered.text).toContain('理由の選択が正しくありません');
      expect(tampered.text).toContain('action="/settings/withdrawal/confirm"');
    }

    const wrong = await leave(client, { password: 'not my password at all' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(/id="f-password"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-password"/);
    expect(wrong.text).toMatch(
      /<p class="field-error" id="f-password-error" role="alert">現在のパスワードが正しくありません/,
    );
  });

  it('draws the completion page logged out, and a double click on 退会する shows it twice with one mail', async () => {
    const member = await createMember(ctx());
    const client = await loggedIn(ctx(), member);
    // Past the re-authentication window, so both submits prove the password (and take their locks) again.
    ctx().clock.advance(11 * MINUTE);
    const [first, second] = await Promise.all([leave(client), leave(client)]);
    for (const done of [first, second]) {
      expect(done.status).toBe(200);
      expect(done.text).toContain('退会手続きが完了しました');
      expect(done.text).not.toContain('data-testid="account-menu"');
      expect(done.text).not.toContain(member.displayName);
      expect(done.text).toContain('href="/login"');
    }
    const [{ n }] = await ctx()
      .deps.db.select({ n: count() })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'withdrawal_complete')));
    expect(n).toBe(1);
    const mail = await completionMail(ctx(), member.id);
    expect(mail.textBody).toContain('2026年4月1日 09:11（日本時間）に、技市の退会手続きが完了しました');
    expect(mail.textBody).toContain('・メールアドレスとパスワード: 2026年5月1日に削除');
    expect(mail.htmlBody).toMatch(/<ul><li>メールアドレスとパスワード: 2026年5月1日に削除/);
  });

  it('shows the public timeline from the same periods, linked from the privacy page and the help, without scripts', async () => {
    const visitor = new TestClient(ctx());
    const page = await visitor.get('/privacy/retention');
    expect(page.status).toBe(200);
    const order = ['退会と同時に', '数分以内', '30日後', '90日後', '1年後', '3年後', 'を起点に7年'];
    const at = order.map((label) => page.text.indexOf(label));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Only the shared enhancement script (menus, focus) that every page carries; the timeline needs none.
    expect(page.text.match(/<script[^>]*>/g)).toEqual(['<script src="/static/app.js" defer="">']);
    expect((await visitor.get('/privacy')).text).toContain('href="/privacy/retention"');
    const help = await visitor.get(`/help?q=${encodeURIComponent('退会')}`);
    expect(help.text).toContain('href="/privacy/retention"');
    expect(help.text).toContain('メールアドレスとパスワードは30日後に');
  });

  it('pays out a ¥450 balance (one ¥500 sale) in full with no fee when the seller leaves, in the same transaction', async () => {
    const operator = await createMember(ctx(), { role: 'operator' });
    const { seller } = await createOrder(ctx(), { status: 'completed', priceYen: 500 });
    expect(await salesBalance(ctx().deps.db as any, seller.id)).toBe(450);
    const client = await loggedIn(ctx(), seller);
    // Without a bank account: asked to register one, with the link.
    const ask = await client.get('/settings/withdrawal');
    expect(ask.text).toContain('振り込まれていない売上金が450円あります。振込先口座を登録すると');
    expect(ask.text).toContain('href="/mypage/payouts"');
    await addPayoutAccount(ctx(), seller);
    const offer = await client.get('/settings/withdrawal');
    expect(offer.text).toContain('退会を妨げるものはありません');
    expect(offer.text).toContain('売上金450円は、退会と同時に全額を振込申請し、振込手数料なし・最低額なしで');

    expect((await leave(client)).status).toBe(200);
    const [payout] = await ctx().deps.db.select().from(payouts).where(eq(payouts.memberId, seller.id));
    expect([payout.amountYen, payout.feeYen, payout.status]).toEqual([450, 0, 'requested']);
    const lines = await ctx().deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, seller.id));
    expect(lines.find((l) => l.kind === 'payout_request')?.amountYen).toBe(-450);
    expect(await salesBalance(ctx().deps.db as any, seller.id)).toBe(0);
    const mail = await completionMail(ctx(), seller.id);
    expect(mail.textBody).toContain('売上金の残り450円は、振込手数料なしで、登録の振込先口座へ全額を振り込みます');
    // The account stays for the transfer, and goes once it is decided.
    expect(
      await ctx().deps.db.select().from(payoutAccounts).where(eq(payoutAccounts.memberId, seller.id)),
    ).toHaveLength(1);
    expect(await decidePayout(ctx().deps, operator.id, payout.id, 'paid')).toBe(true);
    expect(
      await ctx().deps.db.select().from(payoutAccounts).where(eq(payoutAccounts.memberId, seller.id)),
    ).toHaveLength(0);
  });
});
