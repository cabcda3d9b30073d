import { and, count, eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { createMember, DEFAULT_PASSWORD } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { smtpTransport } from '../platform/mail/deliver';
import { DELIVER_MAIL_JOB } from '../platform/mail/outbox';
import { mailKindOf } from '../platform/mail/kinds';
import { notifications } from '../platform/mail/noticeSchema';
import { PASSWORD_RESET_JOB } from '../accounts/passwordReset';

const received: ParsedMail[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', async () => {
      received.push(await simpleParser(Buffer.concat(chunks)));
      callback();
    });
  },
});
let port = 0;
beforeAll(
  () =>
    new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => ((port = (server.server.address() as { port: number }).port), resolve())),
    ),
);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A header as the mail carried it (mailparser turns List-* headers into objects). */
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');

const transport = {
  send: (m: Parameters<ReturnType<typeof smtpTransport>['send']>[0]) =>
    smtpTransport(`smtp://127.0.0.1:${port}`).send(m),
};

describeOnDatabases(
  'お知らせ and メール設定 over SMTP',
  (ctx) => {
    const loggedIn = async (member: { email: string }) => {
      const client = new TestClient(ctx());
      await client.logIn(member.email, DEFAULT_PASSWORD);
      return client;
    };
    const arrivedFor = async (address: string) => {
      await ctx().deps.jobs.drain(DELIVER_MAIL_JOB);
      return received.filter((m) => m.to && JSON.stringify(m.to).includes(address));
    };

    it('writes a notice for every mail; an optional kind turned off stops its mail but not security mail', async () => {
      const reader = await createMember(ctx());
      const writer = await createMember(ctx());
      const r = await loggedIn(reader);
      const w = await loggedIn(writer);
      // Sign-up mail made notices too; they are read first, so the bell counts only what follows.
      expect((await r.get('/notifications')).text).toContain('data-testid="notifications"');
      await r.post('/notifications/read');
      const room = (await w.post('/messages/start', { to: reader.username })).location!;
      await w.post(`${room}/messages`, { body: 'こんにちは' });
      const first = (await arrivedFor(reader.email)).find((m) => rawHeader(m, 'list-unsubscribe'))!;
      const stop = rawHeader(first, 'list-unsubscribe')!;
      expect(stop).toMatch(/^<http:\/\/localhost:3000\/mail\/stop\/[A-Za-z0-9_-]+>$/);
      expect(rawHeader(first, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(first.text).toContain(stop.slice(1, -1));
      // The bell counts it; reading clears it.
      expect((await r.get('/')).text).toMatch(
        /data-testid="bell"[^>]*><span aria-hidden="true"><svg[^]*?<\/svg><span class="badge">1<\/span>/,
      );
      expect((await r.get('/notifications')).text).toContain(first.subject!);
      await r.post('/notifications/read');
      expect((await r.get('/')).text).not.toMatch(
        /data-testid="bell"[^>]*><span aria-hidden="true"><svg[^]*?<\/svg><span/,
      );

      // Bad input is refused beside the field and changes nothing.
      const bad = await r.post('/settings/notifications', {
        messages: 'maybe',
        orders: 'on',
        offers: 'on',
        follows: 'on',
        news: 'on',
      });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('id="f-messages-error"');
      const off = { messages: 'off', orders: 'on', offers: 'on', follows: 'on', news: 'on' };
      expect((await r.post('/settings/notifications', off)).location).toBe('/settings/notifications?notice=saved');
      const before = (await arrivedFor(reader.email)).length;
      await w.post(`${room}/messages`, { body: 'もう一通' });
      expect((await arrivedFor(reader.email)).length).toBe(before);
      const [notices] = await ctx()
        .deps.db.select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.memberId, reader.id), eq(notifications.template, 'new_message')));
      expect(notices.n).toBe(2);
      // Security mail still comes, with no stop link.
      await new TestClient(ctx()).post('/password/reset', { email: reader.email });
      await ctx().deps.jobs.drain(PASSWORD_RESET_JOB);
      const security = (await arrivedFor(reader.email)).slice(before);
      expect(security).toHaveLength(1);
      expect(rawHeader(security[0], 'list-unsubscribe')).toBeUndefined();
    });

    it('stops one kind from the one-click link without logging in, once', async () => {
      const reader = await createMember(ctx());
      const writer = await createMember(ctx());
      const w = await loggedIn(writer);
      const room = (await w.post('/messages/start', { to: reader.username })).location!;
      await w.post(`${room}/messages`, { body: 'はじめまして' });
      const mail = (await arrivedFor(reader.email)).find((m) => rawHeader(m, 'list-unsubscribe'))!;
      const path = new URL(rawHeader(mail, 'list-unsubscribe')!.slice(1, -1)).pathname;
      const stranger = new TestClient(ctx());
      // Opening the link only asks; the mail program's POST (no cookie, no CSRF token) stops it.
      expect((await stranger.get(path)).text).toContain('「メッセージ」のメールを止めます');
      const done = await stranger.request('POST', path, { 'List-Unsubscribe': 'One-Click' });
      expect(done.status).toBe(200);
      expect(done.text).toContain('「メッセージ」のメールを止めました');
      expect((await stranger.request('POST', path, { 'List-Unsubscribe': 'One-Click' })).status).toBe(404);
      const page = await (await loggedIn(reader)).get('/settings/notifications');
      expect(page.text).toMatch(/name="messages" value="off" checked/);
      expect(page.text).toMatch(/name="orders" value="on" checked/);
    });

    it('classifies every template the code sends', async () => {
      const { execSync } = await import('node:child_process');
      const found = execSync(`grep -rhoE "template: '[a-z_]+'" src --include=*.ts --exclude=*.test.ts | sort -u`)
        .toString()
        .trim()
        .split('\n');
      const names = found.map((l) => l.match(/'([a-z_]+)'/)![1]);
      expect(names.filter((n) => !(n in mailKindOf))).toEqual([]);
    });
  },
  { mailTransport: transport },
);
