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
        messageId: messageIdOf(message.id),
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

/** The Message-ID a mail carries: the same on every attempt, so it can be found in the mail server's log. */
export const messageIdOf = (mailId: string) => `<${mailId}@wazaichi.mail>`;

/**
 * Sends one outbox mail, at most once. The mail is claimed (pending → sending, committed) before the SMTP
 * conversation and marked sent after the server's answer. A run that finds its mail still "sending" follows one
 * that died mid-conversation (a killed worker): whether the server took the mail is unknown, so it is not sent
 * again but marked failed with its Message-ID, for an operator to look up in the mail server's log and send again
 * from /admin if it never arrived. A refused mail goes back to pending and the queue retries with back-off; at
 * the last retry (lastTry) it is marked failed. Without a transport (development) the mail stays for /dev/mail.
 */
export async function deliverMail(
  deps: DeliveryDeps,
  mailId: string,
  run: { lastTry: boolean } = { lastTry: false },
): Promise<'sent' | 'skipped' | 'kept' | 'failed'> {
  if (!deps.transport) return 'kept';
  const [mail] = await deps.db
    .update(mailOutbox)
    .set({ status: 'sending', attempts: sql`${mailOutbox.attempts} + 1` })
    .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'pending')))
    .returning();
  if (!mail) return reconcile(deps, mailId);
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
      .set({ status: run.lastTry ? 'failed' : 'pending', lastError: String(error).slice(0, 500) })
      .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'sending')));
    if (!run.lastTry) throw error;
    deps.log.error(
      { err: error, mailId, template: mail.template },
      'mail not delivered after every retry: marked failed (operator console, /admin)',
    );
    return 'failed';
  }
  await deps.db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: deps.clock.now(), lastError: null })
    .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'sending')));
  return 'sent';
}

/** A mail this run could not claim: already sent or failed (skip), or left "sending" by a delivery that died. */
async function reconcile(deps: DeliveryDeps, mailId: string): Promise<'skipped' | 'failed'> {
  const [interrupted] = await deps.db
    .update(mailOutbox)
    .set({
      status: 'failed',
      lastError: `delivery interrupted: look up Message-ID ${messageIdOf(mailId)} in the mail server's log before sending again`,
    })
    .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'sending')))
    .returning({ template: mailOutbox.template });
  if (!interrupted) return 'skipped';
  deps.log.error(
    { mailId, template: interrupted.template },
    'mail delivery interrupted: marked failed, not sent twice',
  );
  return 'failed';
}
