import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createMember } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { operatorClient } from '../../tests/support/trust';
import { DAY } from '../platform/clock';
import { mailOutbox } from '../platform/mail/schema';
import { operatorActions } from '../trust/schema';
import { PRIVACY_REQUEST_ANSWER_DAYS } from './privacyRequests';
import { privacyRequests } from './schema';

describeOnDatabases('privacy requests: acknowledgement, two-week mark and answer', (ctx) => {
  const mailsOf = (memberId: string, template: string) =>
    ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, memberId), eq(mailOutbox.template, template)));

  it('acknowledges by mail at once, marks two weeks without an answer as overdue, and mails and keeps the answer', async () => {
    const member = await createMember(ctx());
    const operator = await operatorClient(ctx());
    await operator.post('/admin/requests', { username: member.username, kind: 'correction', notes: '電話で受付' });
    const [request] = await ctx().deps.db.select().from(privacyRequests).where(eq(privacyRequests.memberId, member.id));
    expect(request.acknowledgedAt).not.toBeNull();
    const [ack] = await mailsOf(member.id, 'privacy_request_received');
    expect(ack.subject).toBe('【技市】訂正のご請求を受け付けました');
    expect(ack.textBody).toContain('2026年4月15日までに'); // 1 April 09:00 Japan time + 14 days

    const fresh = await operator.get('/admin/requests');
    expect(fresh.text).toContain('受付から0日');
    expect(fresh.text).toContain('回答期限 2026年4月15日');
    expect(fresh.text).not.toContain('data-overdue="true"');
    // Two weeks on (the request is moved back: the operator's session would not last two idle weeks).
    await ctx()
      .deps.db.update(privacyRequests)
      .set({ receivedAt: new Date(request.receivedAt.getTime() - PRIVACY_REQUEST_ANSWER_DAYS * DAY) })
      .where(eq(privacyRequests.id, request.id));
    const late = await operator.get('/admin/requests');
    expect(late.text).toContain(`受付から${PRIVACY_REQUEST_ANSWER_DAYS}日`);
    expect(late.text).toContain('data-overdue="true"');
    expect(late.text).toContain('期限超過');

    const empty = await operator.post(`/admin/requests/${request.id}/reply`, { reply: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('回答を1〜4000文字で入力してください。');
    expect(await mailsOf(member.id, 'privacy_request_reply')).toEqual([]);

    const answer = '登録の住所を訂正しました。';
    expect((await operator.post(`/admin/requests/${request.id}/reply`, { reply: answer })).status).toBe(303);
    const [answered] = await ctx().deps.db.select().from(privacyRequests).where(eq(privacyRequests.id, request.id));
    expect(answered.replyBody).toBe(answer);
    expect(answered.repliedAt).not.toBeNull();
    const [mail] = await mailsOf(member.id, 'privacy_request_reply');
    expect(mail.textBody).toContain(answer);
    const logged = await ctx()
      .deps.db.select()
      .from(operatorActions)
      .where(and(eq(operatorActions.memberId, member.id), eq(operatorActions.action, 'privacy_request_replied')));
    expect(logged).toHaveLength(1);
    const after = await operator.get('/admin/requests');
    expect(after.text).not.toContain('data-overdue="true"');
    expect(after.text).toContain(answer);
    const twice = await operator.post(`/admin/requests/${request.id}/reply`, { reply: 'もう一度' });
    expect(twice.text).toContain('この請求にはすでに回答しています。');
    expect(await mailsOf(member.id, 'privacy_request_reply')).toHaveLength(1);
  });

  it('records a request from someone who is not a member without a mail, and says an answer cannot be mailed', async () => {
    const operator = await operatorClient(ctx());
    await operator.post('/admin/requests', { username: '', kind: 'deletion', notes: '郵便で受付' });
    const [request] = await ctx().deps.db.select().from(privacyRequests).where(eq(privacyRequests.notes, '郵便で受付'));
    expect(request.acknowledgedAt).toBeNull();
    expect((await operator.get('/admin/requests')).text).toContain('受付メールなし');
    const refused = await operator.post(`/admin/requests/${request.id}/reply`, { reply: '削除しました。' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('会員の記録がないため、メールで回答できません。');
    const [kept] = await ctx().deps.db.select().from(privacyRequests).where(eq(privacyRequests.id, request.id));
    expect(kept.repliedAt).toBeNull();
  });
});
