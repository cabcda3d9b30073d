import { expect, it } from 'vitest';
import { spendablePoints } from '../marketplace/money/ledger';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { operatorClient } from '../../tests/support/trust';

describeOnDatabases('granting points from the console', (ctx) => {
  const pointsOf = (memberId: string) =>
    ctx().deps.db.transaction((tx) => spendablePoints(tx, memberId, ctx().clock.now()));

  it('grants points to a member found by username and says so', async () => {
    const operator = await operatorClient(ctx());
    const member = await createMember(ctx());
    const res = await operator.post('/admin/points', {
      username: member.username.toUpperCase(),
      amount: '300',
      note: '春のキャンペーン',
    });
    expect(res.location).toBe('/admin?notice=granted');
    expect((await operator.get(res.location!)).text).toContain('ポイントを付与しました。');
    expect(await pointsOf(member.id)).toBe(300);
  });

  it('shows each problem next to its field with what was typed, and grants nothing', async () => {
    const operator = await operatorClient(ctx());
    const member = await createMember(ctx());
    const bad = await operator.post('/admin/points', { username: member.username, amount: '1.5', note: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('ポイント数は1以上の整数を半角数字で入力してください。');
    expect(bad.text).toMatch(/id="f-note-error"[^>]*>入力してください。/);
    expect(bad.text).toContain(`value="${member.username}" id="f-username"`);
    expect(bad.text).toContain('value="1.5"');
    const unknown = await operator.post('/admin/points', { username: 'nobody-here', amount: '100', note: 'おわび' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toMatch(/id="f-username-error"[^>]*>その会員は見つかりません。/);
    expect(unknown.text).toContain('value="おわび"');
    expect(await pointsOf(member.id)).toBe(0);
  });

  it('refuses a member who has left, in the operator’s language', async () => {
    const operator = await operatorClient(ctx());
    const member = await createMember(ctx());
    await operator.post('/locale', { locale: 'en', back: '/admin' });
    const leaving = new TestClient(ctx());
    await leaving.logIn(member.email, DEFAULT_PASSWORD);
    expect(
      (
        await leaving.post('/settings/withdrawal', {
          reason: 'other',
          freeText: '',
          understood: 'on',
          password: DEFAULT_PASSWORD,
        })
      ).status,
    ).toBe(200);
    const res = await operator.post('/admin/points', { username: member.username, amount: '100', note: 'sorry' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('That member has left. Points cannot be granted.');
  });
});
