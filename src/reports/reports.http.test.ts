import { and, count, desc, eq } from 'drizzle-orm';
import { messages, reviews } from '../marketplace/schema';
import { mailOutbox } from '../platform/mail/schema';
import { operatorActions } from '../trust/schema';
import { expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder, createService } from '../../tests/support/marketplace';
import { operatorClient } from '../../tests/support/trust';
import { describeOnDatabases } from '../../tests/support/suites';
import { reports } from './schema';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describeOnDatabases('通報', (ctx) => {
  const loggedIn = async (member: { email: string }) => {
    const client = new TestClient(ctx());
    await client.logIn(member.email, DEFAULT_PASSWORD);
    return client;
  };

  it('takes a report once, shows it to operators beside the history, and hiding removes the service from every page', async () => {
    const seller = await createMember(ctx());
    const reporter = await createMember(ctx());
    const service = await createService(ctx(), seller, { title: '外部で直接取引しましょう' });
    const client = await loggedIn(reporter);
    const page = await client.get(`/services/${service}`);
    expect(page.text).toContain(`/report?kind=service&amp;id=${service}`);
    const form = await client.get(`/report?kind=service&id=${service}`);
    expect(form.status).toBe(200);
    // Bad input: a message next to the field, nothing written.
    const bad = await client.post('/report', {
      kind: 'service',
      id: service,
      reason: 'nonsense',
      detail: 'x'.repeat(1001),
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="f-reason-error"');
    expect(bad.text).toContain('id="f-detail-error"');
    expect((await client.post('/report', { kind: 'planet', id: service, reason: 'spam' })).status).toBe(404);
    expect((await ctx().deps.db.select({ n: count() }).from(reports))[0].n).toBe(0);
    for (let i = 0; i < 2; i++)
      expect(
        (
          await client.post('/report', {
            kind: 'service',
            id: service,
            reason: 'off_platform',
            detail: 'LINEで連絡と書いてある',
          })
        ).status,
      ).toBe(200);
    expect(
      (await ctx().deps.db.select({ n: count() }).from(reports).where(eq(reports.reporterId, reporter.id)))[0].n,
    ).toBe(1);
    // The seller's profile is reported too: it shows up as history beside the service report.
    await client.post('/report', { kind: 'profile', id: seller.id, reason: 'spam' });
    const own = await (await loggedIn(seller)).post('/report', { kind: 'service', id: service, reason: 'spam' });
    expect(own.text).toContain('ご自分の内容は通報できません');

    expect((await client.get('/admin/reports')).status).not.toBe(200);
    const operator = await operatorClient(ctx());
    const queue = await operator.get('/admin/reports');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('外部で直接取引しましょう');
    expect(queue.text).toContain('サイトの外での取引や連絡に誘われた');
    expect(queue.text).toMatch(/data-testid="report-history"[\s\S]*?プロフィール · スパム・宣伝 · 確認待ち/);
    const [serviceReport] = await ctx().deps.db.select().from(reports).where(eq(reports.kind, 'service'));
    expect((await operator.post(`/admin/reports/${serviceReport.id}/hide`)).location).toBe(
      '/admin/reports?notice=done',
    );

    // Gone from the service page, search and the seller's profile; the seller still sees it as not public.
    const visitor = new TestClient(ctx());
    expect((await visitor.get(`/services/${service}`)).status).toBe(404);
    expect((await visitor.get(`/search?q=${encodeURIComponent('直接取引')}`)).text).not.toContain(service);
    expect((await visitor.get(`/users/${seller.username}`)).text).not.toContain(service);
    expect((await (await loggedIn(seller)).get(`/services/${service}`)).status).toBe(200);
    const [decided] = await ctx().deps.db.select().from(reports).where(eq(reports.id, serviceReport.id));
    expect(decided.status).toBe('hidden');
    expect((await operator.get('/admin/reports')).text).not.toContain('外部で直接取引しましょう');
  });

  it('hides a reported direct message from the room, and lets only the recipient report it', async () => {
    const sender = await createMember(ctx());
    const recipient = await createMember(ctx());
    const outsider = await createMember(ctx());
    const s = await loggedIn(sender);
    const room = (await s.post('/messages/start', { to: recipient.username })).location!;
    await s.post(`${room}/messages`, { body: '電話番号を教えるので外で取引を' });
    const r = await loggedIn(recipient);
    expect((await r.get(room)).text).toContain('電話番号を教えるので外で取引を');
    const [last] = await ctx().deps.db.select({ id: messages.id }).from(messages).orderBy(desc(messages.id)).limit(1);
    const id = String(last.id);
    // The link sits beside the other participant's message only.
    expect((await r.get(room)).text).toContain(`/report?kind=message&amp;id=${id}`);
    expect((await s.get(room)).text).not.toContain(`/report?kind=message&amp;id=${id}`);
    expect((await (await loggedIn(outsider)).post('/report', { kind: 'message', id, reason: 'spam' })).status).toBe(
      422,
    );
    expect((await r.post('/report', { kind: 'message', id, reason: 'off_platform' })).status).toBe(200);
    const operator = await operatorClient(ctx());
    const [report] = await ctx().deps.db.select().from(reports).where(eq(reports.kind, 'message'));
    await operator.post(`/admin/reports/${report.id}/hide`);
    expect((await r.get(room)).text).not.toContain('電話番号を教えるので外で取引を');
    expect((await s.get(room)).text).not.toContain('電話番号を教えるので外で取引を');
  });

  it('links a report beside each review, and 警告 hides the review and mails its author why, once', async () => {
    const { orderId, buyer, seller, serviceId } = await createOrder(ctx(), { status: 'completed' });
    const buyerClient = await loggedIn(buyer);
    await buyerClient.post(`/orders/${orderId}/review`, { rating: '1', comment: 'LINEで連絡ください' });
    const [review] = await ctx().deps.db.select().from(reviews).where(eq(reviews.orderId, orderId));
    const link = `/report?kind=review&amp;id=${review.id}`;
    const sellerClient = await loggedIn(seller);
    expect((await sellerClient.get(`/services/${serviceId}`)).text).toContain(link);
    expect((await sellerClient.get(`/users/${seller.username}`)).text).toContain(link);
    expect((await buyerClient.get(`/services/${serviceId}`)).text).not.toContain(link);
    expect((await new TestClient(ctx()).get(`/services/${serviceId}`)).text).not.toContain(link);

    expect((await sellerClient.post('/report', { kind: 'review', id: review.id, reason: 'off_platform' })).status).toBe(
      200,
    );
    const [report] = await ctx().deps.db.select().from(reports).where(eq(reports.targetId, review.id));
    const operator = await operatorClient(ctx());
    expect((await operator.get('/admin/reports')).text).toContain(`/admin/reports/${report.id}/warn`);
    await operator.post(`/admin/reports/${report.id}/warn`);
    await operator.post(`/admin/reports/${report.id}/warn`);
    expect((await sellerClient.get(`/services/${serviceId}`)).text).not.toContain('LINEで連絡ください');
    const warnings = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, buyer.id), eq(mailOutbox.template, 'content_warning')));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].subject).toBe('【技市】投稿内容についての警告');
    expect(warnings[0].textBody).toContain('理由: サイトの外での取引や連絡に誘われた（直接取引）');
    expect(warnings[0].textBody).toContain('あなたの評価が利用規約に反する');
    const [logged] = await ctx()
      .deps.db.select({ n: count() })
      .from(operatorActions)
      .where(and(eq(operatorActions.action, 'report_warn'), eq(operatorActions.memberId, buyer.id)));
    expect(logged.n).toBe(1);
  });

  it('hiding a reported profile hides its picture at its own address and on service cards, not from the owner', async () => {
    const seller = await createMember(ctx());
    const reporter = await createMember(ctx());
    const service = await createService(ctx(), seller, { title: 'ロゴを作ります' });
    const own = await loggedIn(seller);
    const form = new FormData();
    form.set('displayName', seller.displayName);
    form.set('avatar', new File([PNG_1x1], 'me.png'));
    expect((await own.postMultipart('/settings/profile', form)).status).toBe(303);
    const visitor = new TestClient(ctx());
    const picture = `/avatars/${seller.id}`;
    expect((await visitor.get(picture)).status).toBe(200);
    expect((await visitor.get(`/services/${service}`)).text).toContain(picture);

    const filed = await (await loggedIn(reporter)).post('/report', { kind: 'profile', id: seller.id, reason: 'spam' });
    expect(filed.status).toBe(200);
    const [report] = await ctx().deps.db.select().from(reports).where(eq(reports.targetId, seller.id));
    expect((await (await operatorClient(ctx())).post(`/admin/reports/${report.id}/hide`)).location).toBe(
      '/admin/reports?notice=done',
    );

    expect((await visitor.get(picture)).status).toBe(404);
    expect((await (await loggedIn(reporter)).get(picture)).status).toBe(404);
    expect((await visitor.get(`/users/${seller.username}`)).text).not.toContain(picture);
    expect((await visitor.get(`/services/${service}`)).text).not.toContain(picture);
    expect((await visitor.get('/')).text).not.toContain(picture);
    expect((await own.get(picture)).status).toBe(200);
  });
});
