import type { Tx } from '../db/client';
import type { Clock } from '../clock';
import type { Jobs } from '../jobs';
import type { Config } from '../config';
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
export async function queueMail(tx: Tx, deps: { jobs: Jobs; clock: Clock; config?: Pick<Config, 'operator' | 'baseUrl'> }, mail: OutgoingMail): Promise<string> {
  const footer = deps.config ? { operatorName: deps.config.operator.legalName, baseUrl: deps.config.baseUrl } : undefined;
  const rendered = renderEmail(mail.locale, mail.content, footer);
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
