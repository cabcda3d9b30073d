import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { TestClient, lastMailTo } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { operatorClient } from '../../tests/support/trust';
import { operatorActions } from '../trust/schema';
import { inquiries, inquiryMessages } from './schema';

describeOnDatabases('support inquiries (問い合わせ)', (ctx) => {
  const referenceIn = (text: string) => text.match(/WZ-[A-Z0-9]{8}/)![0];

  it('takes an inquiry from someone without an account (e.g. after leaving), confirms it by mail, and the operator answers by mail', async () => {
    const visitor = new TestClient(ctx());
    const form = await visitor.get('/support?category=privacy');
    expect(form.text).toContain('<option value="privacy" selected="">');
    const before = (await ctx().deps.db.select().from(inquiries)).length;
    const bad = await visitor.post('/support', { category: 'nonsense', name: '', email: 'not-an-address', body: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('メールアドレスの形式');
    expect((await ctx().deps.db.select().from(inquiries)).length).toBe(before);

    const email = `left${Math.floor(Math.random() * 1e9)}@example.test`;
    const done = await visitor.post('/support', {
      category: 'privacy',
      name: '山田 元会員',
      email,
      body: '退会前の取引記録の開示をお願いします。',
    });
    expect(done.status).toBe(200);
    const reference = referenceIn(done.text);
    const confirmation = await lastMailTo(ctx(), email);
    expect(confirmation!.subject).toContain(reference);
    // The confirmation does not repeat what was written (the address is not verified).
    expect(confirmation!.textBody).not.toContain('退会前の取引記録の開示をお願いします。');

    const operator = await operatorClient(ctx());
    expect((await operator.get('/admin/inquiries')).text).toContain(reference);
    expect((await operator.post(`/admin/inquiries/${reference}`, { body: '', then: 'answer' })).status).toBe(422);
    expect(
      (
        await operator.post(`/admin/inquiries/${reference}`, {
          body: '本人確認のため、登録していた電話番号をお知らせください。',
          then: 'answer',
        })
      ).location,
    ).toBe(`/admin/inquiries/${reference}?notice=done`);
    const answer = await lastMailTo(ctx(), email);
    expect(answer!.subject).toContain('お問い合わせへの回答');
    expect(answer!.textBody).toContain('登録していた電話番号をお知らせください');
    const [row] = await ctx().deps.db.select().from(inquiries).where(eq(inquiries.reference, reference));
    expect(row).toMatchObject({ status: 'answered', memberId: null, category: 'privacy' });
    expect(
      (await ctx().deps.db.select().from(operatorActions).where(eq(operatorActions.detail, reference)))[0].operatorId,
    ).toBe(operator.member.id);
  });

  it('shows a member their own threads under マイページ only, lets them reply until the operator closes it', async () => {
    const member = await createMember(ctx());
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    const prefilled = await client.get('/support?category=suspension_appeal');
    expect(prefilled.text).toContain(member.email);
    const done = await client.post('/support', {
      category: 'suspension_appeal',
      name: member.displayName,
      email: member.email,
      body: '停止の理由に心当たりがありません。',
    });
    const reference = referenceIn(done.text);
    expect((await client.get('/mypage/inquiries')).text).toContain(reference);
    expect(
      (await client.post(`/mypage/inquiries/${reference}`, { body: '補足です。取引は一件だけです。' })).location,
    ).toBe(`/mypage/inquiries/${reference}`);

    const stranger = new TestClient(ctx());
    await stranger.logIn((await createMember(ctx())).email, DEFAULT_PASSWORD);
    expect((await stranger.get(`/mypage/inquiries/${reference}`)).status).toBe(404);
    expect((await stranger.post(`/mypage/inquiries/${reference}`, { body: 'のぞき' })).status).toBe(404);
    expect((await new TestClient(ctx()).get(`/mypage/inquiries/${reference}`)).status).toBe(303);
    expect((await client.get('/mypage/inquiries/WZ-../../etc')).status).toBe(404);

    const operator = await operatorClient(ctx());
    await operator.post(`/admin/inquiries/${reference}`, { body: '確認のうえ、停止を解除しました。', then: 'close' });
    const thread = await client.get(`/mypage/inquiries/${reference}`);
    expect(thread.text).toContain('確認のうえ、停止を解除しました。');
    expect(thread.text).toContain('このお問い合わせは完了しています');
    expect((await client.post(`/mypage/inquiries/${reference}`, { body: 'まだあります' })).location).toBe(
      `/mypage/inquiries/${reference}`,
    );
    const [inquiry] = await ctx().deps.db.select().from(inquiries).where(eq(inquiries.reference, reference));
    expect(
      (await ctx().deps.db.select().from(inquiryMessages).where(eq(inquiryMessages.inquiryId, inquiry.id))).map(
        (m) => m.author,
      ),
    ).toEqual(['sender', 'sender', 'operator']);
  });
});
