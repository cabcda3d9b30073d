import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { dictionaries } from '../../dictionary';
import { MINUTE } from '../../platform/clock';
import { logIn } from './logIn';
import { mailOutbox } from '../../platform/mail/schema';
import { TestClient, lastMailTo, linkIn } from '../../../tests/support/client';
import { createMember, DEFAULT_PASSWORD, SIGNUP_CONSENT } from '../../../tests/support/factories';
import { describeOnDatabases } from '../../../tests/support/suites';
import { loginFailures } from '../../accounts/schema';
import { addressKey, LOCK_AFTER_FAILURES, recordFailure } from './throttle';

const origin = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156' };
const fresh = () => ({ origin, locale: 'ja' as const, deviceToken: `device-${Math.random()}` });

describeOnDatabases('login throttling', (ctx) => {
  const attempt = (email: string, password: string, context = fresh()) =>
    logIn(ctx().deps, { email, password }, context);
  const words = (r: Awaited<ReturnType<typeof logIn>>) => (r.ok ? 'ok' : r.problem(dictionaries.ja));

  it('backs off after five failures in a row, for known and unknown addresses alike, and lets the right password through afterwards', async () => {
    const member = await createMember(ctx());
    for (const email of [member.email, 'nobody-back-off@example.test']) {
      for (let i = 0; i < 5; i++)
        expect(words(await attempt(email, 'wrong password again and again'))).toContain('正しくありません');
      expect(words(await attempt(email, DEFAULT_PASSWORD))).toContain('試行回数が多すぎます');
      ctx().clock.advance(2000);
    }
    expect(words(await attempt(member.email, DEFAULT_PASSWORD))).toBe('ok');
    // Success clears the count: the next typo is free again.
    expect(words(await attempt(member.email, 'one more typo here'))).toContain('正しくありません');
  });

  it('locks an address after 100 failures, says the same for an unknown one, mails only the owner, and lifts by the link', async () => {
    const member = await createMember(ctx());
    const trusted = fresh();
    expect(words(await attempt(member.email, DEFAULT_PASSWORD, trusted))).toBe('ok');
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      for (const email of [member.email, 'nobody-locked@example.test']) await attempt(email, `wrong ${i}`);
      ctx().clock.advance(16 * MINUTE); // past every back-off and rate-limit window
    }
    const lockedKnown = words(await attempt(member.email, DEFAULT_PASSWORD));
    const lockedUnknown = words(await attempt('nobody-locked@example.test', DEFAULT_PASSWORD));
    expect(lockedKnown).toContain('一時的に止めています');
    expect(lockedUnknown).toBe(lockedKnown);
    // The browser the member always uses still gets in: an attacker cannot lock the owner out.
    expect(words(await attempt(member.email, DEFAULT_PASSWORD, trusted))).toBe('ok');
    const lockMails = await ctx()
      .deps.db.select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.memberId, member.id), eq(mailOutbox.template, 'account_locked')));
    expect(lockMails).toHaveLength(1);
    const unlock = await new TestClient(ctx()).get(linkIn(lockMails[0].textBody, '/login/unlock'));
    expect(unlock.status).toBe(200);
    expect(words(await attempt(member.email, DEFAULT_PASSWORD))).toBe('ok');
  });

  it('answers an unknown address as fast as a wrong password (within 20% over 50 tries)', async () => {
    const member = await createMember(ctx());
    const timed = async (email: string, i: number) => {
      const started = performance.now();
      const result = await attempt(email, `not the password ${i}`);
      const elapsed = performance.now() - started;
      expect(words(result)).toContain('正しくありません');
      return elapsed;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    await timed('warm-up@example.test', 0);
    // Interleaved, so both see the same machine load; medians, so one slow moment does not decide.
    for (let i = 0; i < 50; i++) {
      ctx().clock.advance(16 * MINUTE);
      if (i % 2 === 0) {
        known.push(await timed(member.email, i));
        unknown.push(await timed('nobody-timing@example.test', i));
      } else {
        unknown.push(await timed('nobody-timing@example.test', i));
        known.push(await timed(member.email, i));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(Math.abs(median(known) - median(unknown)) / Math.max(median(known), median(unknown))).toBeLessThan(0.2);
  });

  it('mails the member when a browser other than the one they signed up in logs in, with a link that logs that browser out', async () => {
    const usual = new TestClient(ctx());
    await usual.get('/signup');
    const email = `usual-${Math.floor(Math.random() * 1e9)}@example.test`;
    await usual.post('/signup', {
      ...SIGNUP_CONSENT,
      email,
      username: `usual_${Math.floor(Math.random() * 1e9)}`,
      displayName: 'いつもの人',
      password: DEFAULT_PASSWORD,
    });
    await usual.get(linkIn((await lastMailTo(ctx(), email))!.textBody, '/verify-email'));
    await usual.logIn(email, DEFAULT_PASSWORD); // the browser that signed up: no mail
    expect((await lastMailTo(ctx(), email))?.template).not.toBe('new_device_login');
    await usual.post('/logout');
    await usual.logIn(email, DEFAULT_PASSWORD);
    expect((await lastMailTo(ctx(), email))?.template).not.toBe('new_device_login');
    const stranger = new TestClient(ctx(), { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0' });
    await stranger.logIn(email, DEFAULT_PASSWORD);
    const mail = (await lastMailTo(ctx(), email))!;
    expect(mail.template).toBe('new_device_login');
    expect(mail.textBody).toContain('Firefox / Windows');
    expect((await stranger.get('/settings')).status).toBe(200);
    expect((await new TestClient(ctx()).get(linkIn(mail.textBody, '/sessions/end'))).status).toBe(200);
    expect((await stranger.get('/settings')).status).toBe(303);
    expect((await usual.get('/settings')).status).toBe(200);
  });

  it('mails the very first login too when it comes from another browser than the sign-up', async () => {
    const member = await createMember(ctx());
    await new TestClient(ctx()).logIn(member.email, DEFAULT_PASSWORD);
    expect((await lastMailTo(ctx(), member.email))?.template).toBe('new_device_login');
  });

  it('never refuses the member’s own browser for the attempts an attacker spent on the address', async () => {
    const member = await createMember(ctx());
    const trusted = fresh();
    expect(words(await attempt(member.email, DEFAULT_PASSWORD, trusted))).toBe('ok');
    // Two tries a minute from elsewhere spend the per-address limit and reach the back-off...
    for (let i = 0; i < 40; i++) {
      await attempt(member.email, `guess ${i}`);
      ctx().clock.advance(20_000);
    }
    expect(words(await attempt(member.email, DEFAULT_PASSWORD))).toContain('試行回数が多すぎます');
    // ...but the owner's usual browser still logs in at once.
    expect(words(await attempt(member.email, DEFAULT_PASSWORD, trusted))).toBe('ok');
  });

  it('keeps a lock in place when failures race the hundredth one', async () => {
    const member = await createMember(ctx());
    for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++) {
      await attempt(member.email, `wrong ${i}`);
      ctx().clock.advance(16 * MINUTE);
    }
    const key = addressKey(ctx().deps.config.secretKey, member.email);
    const now = ctx().clock.now();
    // The hundredth failure and two more already past the check, in parallel.
    const locks = await Promise.all(
      [0, 1, 2].map(() => ctx().deps.db.transaction((tx) => recordFailure(tx, key, now))),
    );
    expect(locks.filter(Boolean)).toHaveLength(1);
    ctx().clock.advance(16 * MINUTE);
    expect(words(await attempt(member.email, DEFAULT_PASSWORD))).toContain('一時的に止めています');
    const [row] = await ctx().deps.db.select().from(loginFailures).where(eq(loginFailures.addressHash, key));
    expect(row.consecutive).toBe(LOCK_AFTER_FAILURES + 2);
  });

  it('gives 30 parallel wrong passwords at one account no more checks than 5 sequential ones get', async () => {
    const member = await createMember(ctx());
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(member.email, `parallel wrong guess ${i}`)),
    );
    const checked = answers.filter((a) => words(a).includes('正しくありません')).length;
    expect(checked).toBe(5);
    expect(answers.filter((a) => words(a).includes('試行回数が多すぎます'))).toHaveLength(25);
    const key = addressKey(ctx().deps.config.secretKey, member.email);
    const [row] = await ctx().deps.db.select().from(loginFailures).where(eq(loginFailures.addressHash, key));
    expect(row.consecutive).toBe(5);
    // The right password after the back-off (and the address's rate-limit window) clears the count.
    ctx().clock.advance(16 * MINUTE);
    expect(words(await attempt(member.email, DEFAULT_PASSWORD))).toBe('ok');
    expect(await ctx().deps.db.select().from(loginFailures).where(eq(loginFailures.addressHash, key))).toHaveLength(0);
  });
});
