import { expect, it } from 'vitest';
import { TestClient } from '../../../tests/support/client';
import { describeOnDatabases } from '../../../tests/support/suites';

describeOnDatabases('bodies the app cannot read', (ctx) => {
  /** A visitor who opened a page: the CSRF cookie and the token its forms carry. */
  async function browser(language = 'ja') {
    const client = new TestClient(ctx(), { 'accept-language': language });
    const page = await client.get('/login');
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1];
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const send = async (path: string, contentType: string, body: string, headers: Record<string, string> = {}) => {
      const res = await ctx().app.request(path, {
        method: 'POST',
        headers: { 'accept-language': language, cookie, 'content-type': contentType, ...headers },
        body,
      });
      return { status: res.status, text: await res.text() };
    };
    return { token, send };
  }

  it('refuses a multipart form without its boundary with a 400 page in the reader’s language, token or not', async () => {
    const ja = await browser('ja');
    const withoutToken = await ja.send('/login', 'multipart/form-data', `_csrf=${ja.token}`);
    expect(withoutToken.status).toBe(400);
    expect(withoutToken.text).toContain('送信内容を読み取れませんでした');
    const withHeader = await ja.send('/login', 'multipart/form-data', 'email=a@example.test', {
      'x-csrf-token': ja.token,
    });
    expect(withHeader.status).toBe(400);
    const en = await browser('en');
    const english = await en.send('/settings/profile', 'multipart/form-data', '', { 'x-csrf-token': en.token });
    expect(english.status).toBe(400);
    expect(english.text).toContain('We could not read what you sent');
  });

  it('refuses a multipart form cut off in the middle with a 400 page', async () => {
    const { token, send } = await browser();
    const cut = `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--b\r\nContent-Disposition: form-data; name="email"\r\n\r\nhalf`;
    const res = await send('/login', 'multipart/form-data; boundary=b', cut);
    expect(res.status).toBe(400);
  });

  it('answers a urlencoded body with broken percent-encoding with the bad-input page, not a 500', async () => {
    const { token, send } = await browser();
    const res = await send(
      '/login',
      'application/x-www-form-urlencoded',
      `%zz=%&email=%E0%A4%A&password=&_csrf=${encodeURIComponent(token)}`,
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('使えない文字が含まれています');
  });

  it('refuses another content type without a token as an expired form, and with one reads no fields', async () => {
    const { token, send } = await browser();
    const plain = await send('/login', 'text/plain', `_csrf=${token}`);
    expect(plain.status).toBe(403);
    expect(plain.text).toContain('フォームの有効期限が切れました');
    const json = await send('/login', 'application/json', '{"email":', { 'x-csrf-token': token });
    expect(json.status).toBe(422);
  });

  it('refuses an oversized body with a 413 page that says what to do', async () => {
    const { token, send } = await browser();
    const res = await send(
      '/login',
      'application/x-www-form-urlencoded',
      `_csrf=${token}&email=${'a'.repeat(13 * 1024 * 1024)}`,
    );
    expect(res.status).toBe(413);
    expect(res.text).toContain('送信されたデータが大きすぎます。');
    expect(res.text).toContain('ファイルを小さくするか数を減らして');
  });
});
