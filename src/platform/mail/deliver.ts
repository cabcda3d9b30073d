import { and, eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/client';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { mailOutbox } from './schema';

export type MailTransport = {
  send(message: {
    id: string;
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    listUnsubscribe?: string | null;
  }): Promise<void>;
};

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transporter.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // A stable Message-ID: if a retry ever repeats a delivery, mail clients show it once.
        messageId: `<${message.id}@wazaichi.mail>`,
        // RFC 8058 one-click stop: mail programs POST "List-Unsubscribe=One-Click" to the address.
        ...(message.listUnsubscribe
          ? {
              headers: {
                'List-Unsubscribe': `<${message.listUnsubscribe}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              },
            }
          : {}),
      });
    },
  };
}

export type DeliveryDeps = { db: Db; clock: Clock; log: Logger; transport: MailTransport | null; mailFrom: string };

/**
 * Sends one outbox mail. Idempotent: a mail already sent (or given up) is skipped, so a retried or
 * duplicated job never sends twice. Without a transport (development) the mail stays in the outbox
 * for /dev/mail. Throws on SMTP failure so the job queue retries with back-off; when the queue has no
 * retry left (lastTry), the mail is marked failed instead, for an operator to see and send again.
 */
export async function deliverMail(
  deps: DeliveryDeps,
  mailId: string,
  run: { lastTry: boolean } = { lastTry: false },
): Promise<'sent' | 'skipped' | 'kept' | 'failed'> {
  if (!deps.transport) return 'kept';
  const [mail] = await deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mailId));
  if (!mail || mail.status !== 'pending') return 'skipped';
  try {
    await deps.transport.send({
      id: mail.id,
      from: deps.mailFrom,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      listUnsubscribe: mail.listUnsubscribe,
    });
  } catch (error) {
    await deps.db
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        lastError: String(error).slice(0, 500),
        ...(run.lastTry ? { status: 'failed' as const } : {}),
      })
      .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'pending')));
    if (!run.lastTry) throw error;
    deps.log.error(
      { err: error, mailId, template: mail.template },
      'mail not delivered after every retry: marked failed (operator console, /admin)',
    );
    return 'failed';
  }
  await deps.db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: deps.clock.now(), attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
    .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'pending')));
  return 'sent';
}
