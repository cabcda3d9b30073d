import { PASSWORD_RESET_JOB } from '../../src/accounts/passwordReset';
import { desc, eq } from 'drizzle-orm';
import { mailOutbox } from '../../src/platform/mail/schema';
import type { TestContext } from './context';

/** A browser without a screen: keeps cookies, carries the CSRF token, follows nothing unless told. */
export class TestClient {
  cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(
    private ctx: TestContext,
    private headers: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    path: string,
    body?: Record<string, string> | FormData,
    extraHeaders: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { ...this.headers, ...extraHeaders };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body).toString();
    }
    const res = await this.ctx.app.request(path, { method, headers, body: payload });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attrs] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      // A new form-token seed (log-in, log-out) ends the token held: like a browser, the next form comes from a fresh page.
      if (name.endsWith('wz_csrf')) this.csrf = null;
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const match = text.match(/name="_csrf" value="([^"]+)"/);
    if (match) this.csrf = match[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  /** The form token the last page carried (null until a page with a form was loaded). */
  get formToken(): string | null {
    return this.csrf;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** Posts a form the way a page would, with the CSRF token it carries. */
  async post(path: string, form: Record<string, string> = {}) {
    if (!this.csrf) await this.get('/');
    return this.request('POST', path, { _csrf: this.csrf!, ...form });
  }

  async postMultipart(path: string, form: FormData) {
    if (!this.csrf) await this.get('/');
    form.set('_csrf', this.csrf!);
    return this.request('POST', path, form);
  }

  /** Opens the login page and sends it, as a person would (a form kept from an ended session would be refused). */
  async logIn(email: string, password: string) {
    await this.get('/login');
    const res = await this.post('/login', { email, password });
    if (res.status !== 303) throw new Error(`login failed with ${res.status}`);
    return res;
  }
}

/** The newest mail to an address, straight from the outbox table (after the jobs that queue mail have run). */
export async function lastMailTo(ctx: TestContext, address: string) {
  await ctx.deps.jobs.drain(PASSWORD_RESET_JOB);
  const [mail] = await ctx.deps.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, address))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail ?? null;
}

export function linkIn(text: string, path: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${path.replace(/[/?]/g, '\\$&')}[^\\s]*`));
  if (!match) throw new Error(`no link to ${path} in mail`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}
