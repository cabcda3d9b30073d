import { expect, it } from 'vitest';
import { dictionaries } from '../dictionary';
import { passwordProblem } from '../accounts/password';
import { TestClient } from '../../tests/support/client';
import { describeOnDatabases } from '../../tests/support/suites';
import { blocklistSize, passwordStrength } from './passwordStrength';

it('ships a blocklist of well over 100,000 common and breached passwords and words', () => {
  expect(blocklistSize()).toBeGreaterThan(100_000);
});

it('refuses blocked, repetitive and keyboard-row passwords however long, and accepts long uncommon phrases', () => {
  const words = (p: string) =>
    passwordProblem(p, { email: 'hanako@example.test', username: 'hanako' })?.(dictionaries.ja) ?? 'ok';
  expect(words('aaaaaaaaaaaaaaaaaaaa')).toContain('推測されやすいため使えません');
  expect(words('qwertyuiopasdfghjkl')).toContain('推測されやすいため使えません');
  expect(words('passwordpassword')).toContain('推測されやすいため使えません');
  expect(words('hanako-no-himitsu-desu')).toContain('ユーザー名、サービス名を含む');
  expect(words('kumo no ue de hirune suru neko')).toBe('ok');
  // Exactly what was typed is checked: no truncation, 64+ characters accepted.
  expect(
    words(
      '夏の夕立のあとに虹がかかり、子どもたちが走り回る坂道の途中で古い郵便ポストが赤く光っていた。それは長い長い話の始まりで、誰もまだ知らなかった。',
    ),
  ).toBe('ok');
  expect(passwordStrength('123456789012345', [], 'ja').score).toBeLessThan(2);
});

describeOnDatabases('password strength meter', (ctx) => {
  it('answers the live meter with a score and advice in the member’s language, only with the form token', async () => {
    const client = new TestClient(ctx());
    const page = await client.get('/signup');
    expect(page.text).toContain('data-strength-meter="true"');
    expect(page.text).toContain('/static/password-meter.js');
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1];
    const headers = { 'content-type': 'application/json', 'x-csrf-token': token };
    const res = await client.request('POST', '/password/strength', undefined, headers);
    expect(res.status).toBe(400);
    const weak = await ctx().app.request('/password/strength', {
      method: 'POST',
      headers: { ...headers, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify({ password: 'aaaaaaaaaaaaaaa' }),
    });
    const body = await weak.json();
    expect(body.score).toBe(0);
    expect(body.label).toBe('とても弱い');
    expect(body.warning).toContain('繰り返し');
    const noToken = await ctx().app.request('/password/strength', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'x' }),
    });
    expect(noToken.status).toBe(403);
  });
});
