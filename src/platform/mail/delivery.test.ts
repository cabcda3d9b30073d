import { eq, inArray } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMember } from '../../../tests/support/factories';
import { describeOnDatabases } from '../../../tests/support/suites';
import { createJobs } from '../jobs';
import { DELIVER_MAIL_JOB, queueMail } from './outbox';
import { mailOutbox } from './schema';
import { deliverMail, smtpTransport } from './deliver';

/** A real SMTP server in this process: it can be told to refuse the next messages. */
function startSmtp() {
  const received: ParsedMail[] = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const to = session.envelope.rcptTo[0]?.address ?? '';
        const left = refusals.get(to) ?? 0;
        if (left > 0) {
          refusals.set(to, left - 1);
          return callback(Object.assign(new Error('451 try again later'), { responseCode: 451 }));
        }
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  return {
    received,
    /** Refuse the next n messages to this address with a temporary error. */
    refuse: (address: string, n: number) => {
      refusals.set(address, n);
    },
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const smtp = startSmtp();
let port = 0;
beforeAll(async () => {
  port = await smtp.listen();
});
afterAll(() => smtp.close());

describeOnDatabases('mail delivery over SMTP', (ctx) => {
  const deliveryDeps = () => ({
    db: ctx().deps.db,
    clock: ctx().clock,
    log: ctx().deps.log,
    transport: smtpTransport(`smtp://127.0.0.1:${port}`),
    mailFrom: ctx().config.mailFrom,
  });

  it('delivers the outbox mail over SMTP as Japanese text and HTML, and marks it sent', async () => {
    const before = smtp.received.length;
    const member = await createMember(ctx(), { verified: false });
    const [mail] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
    expect(await deliverMail(deliveryDeps(), mail.id)).toBe('sent');
    const arrived = smtp.received.slice(before);
    expect(arrived).toHaveLength(1);
    expect(arrived[0].subject).toBe('【技市】メールアドレスの確認');
    expect(arrived[0].text).toContain('http://localhost:3000/verify-email?token=');
    expect(arrived[0].html).toContain('メールアドレスを確認する');
    expect(arrived[0].messageId).toBe(`<${mail.id}@wazaichi.mail>`);
    const [row] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id));
    expect(row.status).toBe('sent');
    // Running the job again (a retry, a duplicate) sends nothing more.
    expect(await deliverMail(deliveryDeps(), mail.id)).toBe('skipped');
    expect(smtp.received.length).toBe(before + 1);
  });

  it('keeps a mail the SMTP server refused, and delivers it once, later, through the job queue retries', async () => {
    // A worker with real pg-boss polling and a one-second retry delay.
    const worker = createJobs(ctx().deps.database, ctx().deps.log, {
      work: true,
      retryDelaySeconds: 1,
      pollingSeconds: 0.5,
    });
    worker.define<{ mailId: string }>({
      name: DELIVER_MAIL_JOB,
      expireSeconds: 60,
      handler: async ({ mailId }) => void (await deliverMail(deliveryDeps(), mailId)),
    });
    const before = smtp.received.length;
    const member = await createMember(ctx(), { verified: false });
    smtp.refuse(member.email, 2);
    await worker.start();
    try {
      const deadline = Date.now() + 30_000;
      let row;
      while (Date.now() < deadline) {
        [row] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
        if (row.status === 'sent') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(row!.status).toBe('sent');
      expect(row!.attempts).toBe(3);
      const arrived = smtp.received.slice(before).filter((m) => (m.to as { text: string }).text === member.email);
      expect(arrived).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it('marks a mail failed when the last retry is refused, once, and sends nothing after', async () => {
    const member = await createMember(ctx(), { verified: false });
    const [mail] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
    smtp.refuse(member.email, 3);
    await expect(deliverMail(deliveryDeps(), mail.id)).rejects.toThrow(/451/);
    const [retrying] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id));
    expect(retrying.status).toBe('pending');
    expect(await deliverMail(deliveryDeps(), mail.id, { lastTry: true })).toBe('failed');
    const [failed] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id));
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toMatch(/451/);
    // A duplicate of the last job changes nothing and sends nothing.
    expect(await deliverMail(deliveryDeps(), mail.id, { lastTry: true })).toBe('skipped');
    const [after] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id));
    expect(after.attempts).toBe(2);
  });

  it('gives the job queue’s last retry of a mail the chance to mark it failed, so no mail waits forever', async () => {
    // The same handler as the app's mail job, on a queue with one retry so the test need not wait hours.
    const jobs = createJobs(ctx().deps.database, ctx().deps.log, { work: false, retryDelaySeconds: 1 });
    const queue = `${DELIVER_MAIL_JOB}.last-try-test`;
    jobs.define<{ mailId: string }>({
      name: queue,
      retryLimit: 1,
      expireSeconds: 60,
      handler: async ({ mailId }, run) => void (await deliverMail(deliveryDeps(), mailId, run)),
    });
    await jobs.start();
    try {
      const member = await createMember(ctx(), { verified: false });
      const [mail] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
      smtp.refuse(member.email, 5);
      await ctx().deps.db.transaction((tx) => jobs.enqueue(tx, queue, { mailId: mail.id }));
      expect(await jobs.drain(queue)).toBe(1);
      const status = async () =>
        (await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id)))[0].status;
      expect(await status()).toBe('pending');
      const deadline = Date.now() + 10_000;
      while ((await status()) === 'pending' && Date.now() < deadline) {
        await jobs.drain(queue);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await status()).toBe('failed');
    } finally {
      await jobs.stop();
    }
  });

  it('never sends twice a mail whose delivery was cut off mid-conversation: marked failed with its Message-ID', async () => {
    const before = smtp.received.length;
    const member = await createMember(ctx(), { verified: false });
    const [mail] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
    // A worker claimed it and was killed while talking to the SMTP server: whether the server took it is unknown.
    await ctx().deps.db.update(mailOutbox).set({ status: 'sending' }).where(eq(mailOutbox.id, mail.id));
    expect(await deliverMail(deliveryDeps(), mail.id)).toBe('failed');
    const [row] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id));
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain(`<${mail.id}@wazaichi.mail>`);
    expect(await deliverMail(deliveryDeps(), mail.id)).toBe('skipped');
    expect(smtp.received.length).toBe(before);
  });

  it('takes the next waiting mail at once, not a poll interval after each one', async () => {
    const worker = createJobs(ctx().deps.database, ctx().deps.log, {
      work: true,
      retryDelaySeconds: 1,
      pollingSeconds: 2,
    });
    worker.define<{ mailId: string }>({
      name: DELIVER_MAIL_JOB,
      expireSeconds: 60,
      handler: async ({ mailId }) => void (await deliverMail(deliveryDeps(), mailId)),
    });
    const ids: string[] = [];
    await ctx().deps.db.transaction(async (tx) => {
      for (let i = 0; i < 40; i++)
        ids.push(
          (await queueMail(tx, ctx().deps, {
            to: `drain${i}@example.test`,
            template: 'drain_test',
            locale: 'ja',
            content: { subject: `件名${i}`, greeting: '様', paragraphs: ['本文'] },
          }))!,
        );
    });
    const started = Date.now();
    await worker.start();
    try {
      const deadline = started + 60_000;
      const sent = async () =>
        (await ctx().deps.db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids))).filter(
          (m) => m.status === 'sent',
        ).length;
      while ((await sent()) < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await sent()).toBe(ids.length);
      // One job per poll interval would take 80 s.
      expect(Date.now() - started).toBeLessThan(40_000);
    } finally {
      await worker.stop();
    }
  });

  it('keeps mail in the outbox when no SMTP server is configured (development mailbox)', async () => {
    const member = await createMember(ctx(), { verified: false });
    const [mail] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
    expect(await deliverMail({ ...deliveryDeps(), transport: null }, mail.id)).toBe('kept');
    const page = await ctx().app.request(`/dev/mail/${mail.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/verify-email?token=');
  });
});
