import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClient } from '../../tests/support/client';
import { DEFAULT_PASSWORD } from '../../tests/support/factories';
import { createOrder } from '../../tests/support/marketplace';
import { describeOnDatabases } from '../../tests/support/suites';
import { smtpTransport } from '../platform/mail/deliver';
import { DELIVER_MAIL_JOB } from '../platform/mail/outbox';

// A real SMTP receiver: the completion mail is read as the member's mail program would read it.
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
const transport = {
  send: (m: Parameters<ReturnType<typeof smtpTransport>['send']>[0]) =>
    smtpTransport(`smtp://127.0.0.1:${port}`).send(m),
};

describeOnDatabases(
  '退会: the completion mail over SMTP',
  (ctx) => {
    it("lists the member's own dates in Japan time, as a list, with no ISO time", async () => {
      // Bought and finished on the test clock's day: fiscal year 2026, kept until 31 May 2034 (seven years).
      const { buyer } = await createOrder(ctx(), { status: 'completed', priceYen: 3000 });
      const client = new TestClient(ctx());
      await client.logIn(buyer.email, DEFAULT_PASSWORD);
      await client.post('/settings/withdrawal/confirm', { reason: 'other', freeText: '' });
      const left = await client.post('/settings/withdrawal', {
        reason: 'other',
        freeText: '',
        understood: 'on',
        password: DEFAULT_PASSWORD,
      });
      expect(left.status).toBe(200);
      await ctx().deps.jobs.drain(DELIVER_MAIL_JOB);
      const mail = received.find((m) => JSON.stringify(m.to).includes(buyer.email) && /退会/.test(m.subject ?? ''));
      expect(mail, 'the completion mail reached the SMTP receiver').toBeDefined();
      const text = mail!.text ?? '';
      const html = String(mail!.html);
      expect(text).toContain('・取引と出品（2026年度分）: 2034年5月31日まで保存');
      expect(text).toContain('・お金の記録（2026年度分）: 2034年5月31日まで保存');
      expect(html).toContain('<li>取引と出品（2026年度分）: 2034年5月31日まで保存');
      expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
      for (const body of [text, html]) expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\bUTC\b|協定世界時/);
    });
  },
  { mailTransport: transport },
);
