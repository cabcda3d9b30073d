import type { Tx } from '../db/client';
import type { Clock } from '../clock';
import type { Jobs } from '../jobs';
import type { Locale } from '../i18n';
import { mailOutbox } from './schema';
import { renderEmail, type EmailContent } from './render';

export const DELIVER_MAIL_JOB = 'mail.deliver';

export type OutgoingMail = {
  to: string;
  memberId?: string | null;
  template: string;
  locale: Locale;
  content: EmailContent;
};

/** Writes the mail and its delivery job in the caller's transaction: no action without its mail, no mail without its action. */
export async function queueMail(tx: Tx, deps: { jobs: Jobs; clock: Clock }, mail: OutgoingMail): Promise<string> {
  const rendered = renderEmail(mail.locale, mail.content);
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      memberId: mail.memberId ?? null,
      toAddress: mail.to,
      template: mail.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      createdAt: deps.clock.now(),
    })
    .returning({ id: mailOutbox.id });
  await deps.jobs.enqueue(tx, DELIVER_MAIL_JOB, { mailId: row.id });
  return row.id;
}
