import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { japanDate } from '../platform/i18n/dates';
import { orders } from '../marketplace/schema';
import { decidePayout, requestPayout } from '../marketplace/money/payouts';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { addPayoutAccount, asCurrent, createOrder } from '../../tests/support/marketplace';
import { fetchBytes } from '../../tests/support/pdf';
import { describeOnDatabases } from '../../tests/support/suites';
import { issuedDocuments } from './schema';
import { monthOf, yearOf } from './periods';

describeOnDatabases('documents (書類)', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };

  it('issues the buyer a receipt with 宛名 set once, tax and operator details, and marks every later copy 再発行', async () => {
    const order = await createOrder(ctx(), { status: 'completed', priceYen: 5500 });
    const [row] = await ctx().deps.db.select().from(orders).where(eq(orders.id, order.orderId));
    const buyer = await loggedIn(order.buyer);
    const list = await buyer.get('/mypage/documents');
    expect(list.status).toBe(200);
    expect(list.text).toContain('シンプルで覚えやすいロゴを作成します');
    expect(list.text).toContain(`href="/mypage/documents/receipt/${order.orderId}.pdf"`);

    const empty = await buyer.post(`/mypage/documents/receipt/${order.orderId}/addressee`, { addressee: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toMatch(/id="f-addressee-error"[^>]*>宛名を入力してください。/);
    const tooLong = await buyer.post(`/mypage/documents/receipt/${order.orderId}/addressee`, {
      addressee: 'あ'.repeat(61),
    });
    expect(tooLong.text).toMatch(/id="f-addressee-error"[^>]*>宛名は60文字以内で入力してください。/);
    expect(
      await ctx().deps.db.select().from(issuedDocuments).where(eq(issuedDocuments.memberId, order.buyer.id)),
    ).toEqual([]);

    const first = await fetchBytes(ctx(), buyer, `/mypage/documents/receipt/${order.orderId}/addressee`, {
      addressee: '株式会社ゾウ商事',
    });
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/pdf');
    const text = first.text();
    for (const words of [
      '領収書',
      '株式会社ゾウ商事 様',
      '5,500円（税込）',
      'うち消費税等（10%対象） 500円',
      '「シンプルで覚えやすいロゴを作成します」の代金として',
      `取引完了日：${japanDate('ja', row.completedAt!)}`,
      `発行日：${japanDate('ja', ctx().clock.now())}`,
      '株式会社技市サンプル',
      '登録番号：T7123456789012',
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('再発行');
    const [issued] = await ctx()
      .deps.db.select()
      .from(issuedDocuments)
      .where(eq(issuedDocuments.memberId, order.buyer.id));
    expect(issued.number).toMatch(/^R\d{4}-\d{6}$/);
    expect(text).toContain(`番号：${issued.number}`);

    // The name is fixed now: a second one is refused beside the field and changes nothing.
    const again = await buyer.post(`/mypage/documents/receipt/${order.orderId}/addressee`, { addressee: '別の名前' });
    expect(again.status).toBe(422);
    expect((await buyer.get('/mypage/documents')).text).toContain('宛名：株式会社ゾウ商事 様');

    const copy = await fetchBytes(ctx(), buyer, `/mypage/documents/receipt/${order.orderId}.pdf`);
    const copyText = copy.text();
    expect(copyText).toContain('再発行');
    expect(copyText).toContain(`番号：${issued.number}`);
    expect(copyText).toContain('株式会社ゾウ商事 様');
    const [after] = await ctx().deps.db.select().from(issuedDocuments).where(eq(issuedDocuments.id, issued.id));
    expect(after.reissueCount).toBe(1);

    // Only its buyer gets it: the seller and a stranger are told it is not there.
    expect(
      (await fetchBytes(ctx(), await loggedIn(order.seller), `/mypage/documents/receipt/${order.orderId}.pdf`)).status,
    ).toBe(404);
    expect(
      (
        await fetchBytes(
          ctx(),
          await loggedIn(await createMember(ctx())),
          `/mypage/documents/receipt/${order.orderId}.pdf`,
        )
      ).status,
    ).toBe(404);
    expect(
      (await fetchBytes(ctx(), new TestClient(ctx()), `/mypage/documents/receipt/${order.orderId}.pdf`)).status,
    ).toBe(303);
  });

  it('refuses a wrong registration number beside the field, and prints both numbers on the monthly fee invoice', async () => {
    const seller = await createMember(ctx());
    const client = await loggedIn(seller);
    const format = await client.post('/settings/invoice-number', { number: 'T123' });
    expect(format.status).toBe(422);
    expect(format.text).toMatch(/id="f-number-error"[^>]*>登録番号は「T」と13桁の数字で入力してください/);
    const checkDigit = await client.post('/settings/invoice-number', { number: 'T1123456789012' });
    expect(checkDigit.status).toBe(422);
    expect(checkDigit.text).toMatch(/id="f-number-error"[^>]*>登録番号が正しくありません/);
    expect(checkDigit.text).toContain('value="T1123456789012"');
    expect((await client.get('/settings/invoice-number')).text).not.toContain('data-testid="invoice-number"');
    // Full-width, as members type it, is read as the plain number.
    const saved = await client.post('/settings/invoice-number', { number: 'ｔ７０００－０１２０５０００２' });
    expect(saved.location).toBe('/settings/invoice-number?notice=saved');
    expect((await client.get(saved.location!)).text).toContain('登録済みの番号：T7000012050002');

    await createOrder(ctx(), { seller, status: 'completed', priceYen: 5000 });
    await createOrder(ctx(), { seller, status: 'completed', priceYen: 8000 });
    const month = monthOf(ctx().clock.now());
    // The month is not over yet: no invoice for it.
    expect((await client.get('/mypage/documents')).text).not.toContain(`/mypage/documents/invoice/${month}.pdf`);
    ctx().clock.advance(32 * DAY);
    const later = await loggedIn(seller);
    expect((await later.get('/mypage/documents')).text).toContain(`/mypage/documents/invoice/${month}.pdf`);
    const invoice = await fetchBytes(ctx(), later, `/mypage/documents/invoice/${month}.pdf`);
    expect(invoice.type).toBe('application/pdf');
    const text = invoice.text();
    for (const words of [
      '適格請求書（販売手数料）',
      `対象期間：${month.slice(0, 4)}年${Number(month.slice(5))}月分`,
      'お客様の登録番号：T7000012050002',
      '登録番号：T7123456789012',
      '売上 5,000円',
      '手数料 500円',
      '売上 8,000円',
      '手数料 800円',
      '販売手数料 合計 1,300円（税込）',
      '10%対象 1,300円 うち消費税等 118円',
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(words);
  });

  it('reports a calendar year of purchases, sales, fees and payouts in Japan time', async () => {
    const seller = await createMember(ctx());
    const operator = await createMember(ctx(), { role: 'operator' });
    await createOrder(ctx(), { seller, status: 'completed', priceYen: 10000 });
    await createOrder(ctx(), { buyer: seller, status: 'completed', priceYen: 3000 });
    await addPayoutAccount(ctx(), seller);
    const payout = await requestPayout(ctx().deps, asCurrent(seller), 5000);
    if (!payout.ok) throw new Error('payout refused');
    await decidePayout(ctx().deps, operator.id, payout.payoutId, 'paid');
    const year = yearOf(ctx().clock.now());
    ctx().clock.advance(366 * DAY);
    const client = await loggedIn(seller);
    const report = await fetchBytes(ctx(), client, `/mypage/documents/annual_report/${year}.pdf`);
    const text = report.text().replace(/\s+/g, ' ');
    for (const words of [
      '年間取引報告書',
      `対象期間：${year}年（1月1日〜12月31日）（日本時間）`,
      '購入（お支払い額、返金を差し引き）：3,000円',
      '売上（手数料を差し引く前）：10,000円',
      '販売手数料：1,000円',
      '振込（お振込みした売上金）：5,000円',
    ])
      expect(text).toContain(words);
    expect((await fetchBytes(ctx(), client, `/mypage/documents/annual_report/${Number(year) - 5}.pdf`)).status).toBe(
      404,
    );
  });

  it('lists documents on the privacy page as a data category with the transaction records period', async () => {
    const page = await new TestClient(ctx()).get('/privacy');
    expect(page.text).toContain('書類（領収書・請求書）');
    expect(page.text).toMatch(/書類は発行できません|もとになる取引の記録が削除されるときに、あわせて削除します。/);
    const years = ctx().deps.config.transactionRetentionYears;
    expect(page.text).toContain(
      `事業年度の終わりから2か月後を起点に${years}年間）は、お問い合わせいただければ運営が書類を再発行します`,
    );
  });
});
