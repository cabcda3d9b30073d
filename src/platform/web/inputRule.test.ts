import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { members } from '../../accounts/schema';
import { inquiries } from '../../support/schema';
import { TestClient } from '../../../tests/support/client';
import { describeOnDatabases } from '../../../tests/support/suites';
import { SIGNUP_CONSENT } from '../../../tests/support/factories';

describeOnDatabases('the shared input rule', (ctx) => {
  it('answers NUL bytes, broken UTF-8 and prototype names in addresses and queries with a 400 page in the reader’s language', async () => {
    const ja = new TestClient(ctx());
    const en = new TestClient(ctx(), { 'accept-language': 'en' });
    for (const path of [
      '/search?q=%00',
      '/search?q=%FF',
      '/search?q=a%01b',
      '/search?__proto__=1',
      '/search?constructor[x]=1',
      '/users/%00',
      '/users/__proto__',
      '/categories/%00',
      '/categories/constructor',
      '/static/__proto__',
      '/static/constructor',
      '/static/prototype',
      '/%C0%AF',
    ]) {
      const page = await ja.get(path);
      expect(page.status, path).toBe(400);
      expect(page.text, path).toContain('使えない文字が含まれています');
      expect((await en.get(path)).text, path).toContain('characters we cannot accept');
    }
    // Names an object inherits that are not in the rule's list are still not files.
    expect((await ja.get('/static/toString')).status).toBe(404);
    expect((await ja.get('/static/hasOwnProperty')).status).toBe(404);
    // Ordinary input passes: Japanese, a search for the word itself, line breaks in a body.
    expect((await ja.get('/search?q=%E3%83%AD%E3%82%B4')).status).toBe(200);
    expect((await ja.get('/search?q=constructor')).status).toBe(200);
  });

  it('refuses a form or JSON body carrying NUL, control characters or prototype keys, and writes nothing', async () => {
    const client = new TestClient(ctx());
    const inquiriesNow = async () => (await ctx().deps.db.select({ n: count() }).from(inquiries))[0].n;
    const before = await inquiriesNow();
    const inquiry = { category: 'account', name: '山田', email: 'yamada@example.test', body: '質問があります。\n' };
    for (const bad of [
      { ...inquiry, body: '質問\u0000です' },
      { ...inquiry, name: '山田\u001b[31m' },
      { ...inquiry, ['__proto__']: 'x' },
    ]) {
      const res = await client.post('/support', bad);
      expect(res.status).toBe(400);
      expect(res.text).toContain('使えない文字が含まれています');
    }
    const raw = await client.request('POST', '/support', undefined, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(raw.status).toBe(403); // no body, no token: the ordinary refusal
    expect(await inquiriesNow()).toBe(before);

    const token = (await client.get('/signup')).text.match(/name="_csrf" value="([^"]+)"/)![1];
    const json = (body: string) =>
      ctx().app.request('/password/strength', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': token,
          cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body,
      });
    expect((await json('{"password":"abc\\u0000def"}')).status).toBe(400);
    expect((await json('{"password":"x","__proto__":{"admin":true}}')).status).toBe(400);
    expect((await json('{"password":"\\ud800"}')).status).toBe(400);
    expect((await json('{"password":"two\\nlines are fine"}')).status).toBe(200);

    // The same form without the bad character goes through.
    expect((await client.post('/support', inquiry)).status).toBe(200);
    expect(await inquiriesNow()).toBe(before + 1);
  });

  it('keeps prototype names out of usernames, so every profile address passes the rule', async () => {
    const client = new TestClient(ctx());
    for (const username of ['constructor', 'prototype', '__proto__']) {
      const email = `${username.replaceAll('_', 'u')}@example.test`;
      const res = await client.post('/signup', {
        ...SIGNUP_CONSENT,
        email,
        username,
        displayName: 'x',
        password: 'kumo no ue de hirune suru neko',
      });
      expect(res.status, username).toBe(422);
      expect((await ctx().deps.db.select().from(members).where(eq(members.username, username))).length).toBe(0);
    }
  });
});
