import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DAY } from '../platform/clock';
import { purgeExpired } from '../retention/purge';
import { operatorActions } from '../trust/schema';
import { WITHDRAWAL_CLEANUP_JOB } from '../withdrawal/withdrawMember';
import { TestClient } from '../../tests/support/client';
import { DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder } from '../../tests/support/marketplace';
import { fetchBytes } from '../../tests/support/pdf';
import { describeOnDatabases } from '../../tests/support/suites';
import { operatorClient } from '../../tests/support/trust';
import { issuedDocuments } from './schema';

describeOnDatabases('reissuing documents after a member left', (ctx) => {
  it('lets an operator reissue a receipt 40 days after 退会, logged, and says the records are gone after their purge', async () => {
    const order = await createOrder(ctx(), { status: 'completed', priceYen: 7700 });
    const buyer = new TestClient(ctx());
    await buyer.logIn(order.buyer.email, DEFAULT_PASSWORD);
    const original = await fetchBytes(ctx(), buyer, `/mypage/documents/receipt/${order.orderId}/addressee`, {
      addressee: '合同会社キリン',
    });
    expect(original.status).toBe(200);
    await buyer.post('/settings/reauth', { next: '/', password: DEFAULT_PASSWORD });
    const left = await buyer.post('/settings/withdrawal', {
      reason: 'other',
      freeText: '',
      understood: 'on',
      password: DEFAULT_PASSWORD,
    });
    expect(left.status).toBe(200);
    await ctx().deps.jobs.drain(WITHDRAWAL_CLEANUP_JOB);

    // Forty days on the account details are purged; the transaction records (and the document's number) are kept.
    ctx().clock.advance(40 * DAY);
    await purgeExpired(ctx().deps);
    const [issued] = await ctx()
      .deps.db.select()
      .from(issuedDocuments)
      .where(eq(issuedDocuments.memberId, order.buyer.id));
    const operator = await operatorClient(ctx());
    const found = await operator.get(`/admin/documents?username=${order.buyer.username}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain(issued.number);
    const copy = await fetchBytes(ctx(), operator, '/admin/documents/reissue', {
      memberId: order.buyer.id,
      kind: 'receipt',
      subject: order.orderId,
    });
    expect(copy.status).toBe(200);
    expect(copy.type).toBe('application/pdf');
    const text = copy.text();
    for (const words of ['領収書', '再発行', `番号：${issued.number}`, '合同会社キリン 様', '7,700円（税込）', '700円'])
      expect(text).toContain(words);
    const log = await ctx()
      .deps.db.select()
      .from(operatorActions)
      .where(and(eq(operatorActions.memberId, order.buyer.id), eq(operatorActions.action, 'document_reissue')));
    expect(log).toHaveLength(1);
    expect(log[0].operatorId).toBe(operator.member.id);
    expect(log[0].detail).toBe(`receipt ${issued.number}`);

    // Past the tax period the leaver's records are purged, and the document with them: the console says so.
    ctx().clock.advance(9 * 366 * DAY);
    await purgeExpired(ctx().deps);
    expect(
      await ctx().deps.db.select().from(issuedDocuments).where(eq(issuedDocuments.memberId, order.buyer.id)),
    ).toEqual([]);
    const later = await operatorClient(ctx());
    expect((await later.get(`/admin/documents?username=${order.buyer.username}`)).text).toContain(
      'この会員の取引の記録はありません',
    );
    const gone = await later.post('/admin/documents/reissue', {
      memberId: order.buyer.id,
      kind: 'receipt',
      subject: order.orderId,
    });
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('この書類のもとになる取引の記録は、保存期間を過ぎて削除されました。');
  });
});
