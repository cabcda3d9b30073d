import type { Tx } from '../db/client';
import type { Clock } from '../clock';
import type { Jobs } from '../jobs';
import type { Config } from '../config';
import type { Locale } from '../i18n';
import { mailOutbox } from './schema';
import { renderEmail, type EmailContent } from './render';
import { noticeForMail } from './notices';

export const DELIVER_MAIL_JOB = 'mail.deliver';

export type OutgoingMail = {
  to: string;
  memberId?: string | null;
  template: string;
  locale: Locale;
  content: EmailContent;
};

/** Writes the mail and its delivery job in the caller's transaction: no action without its mail, no mail without its action. */
/**
 * A member's mail also becomes an お知らせ; an optional kind they turned off is not sent (its notice still is) and
 * returns null; one that is sent carries its stop link (kinds.ts).
 */
export async function queueMail(
  tx: Tx,
  deps: { jobs: Jobs; clock: Clock; config: Pick<Config, 'operator' | 'baseUrl'> },
  mail: OutgoingMail,
): Promise<string | null> {
  // RFC 2606 reserves .invalid: the address a departed member's account keeps after the purge can receive nothing.
  if (/[@.]invalid$/i.test(mail.to)) return null;
  const about = {
    template: mail.template,
    locale: mail.locale,
    subject: mail.content.subject,
    url: mail.content.action?.url ?? null,
  };
  const notice = mail.memberId
    ? await noticeForMail(tx, deps.config.baseUrl, { ...about, memberId: mail.memberId }, deps.clock.now())
    : null;
  if (notice && !notice.send) return null;
  const content = notice?.footnote
    ? { ...mail.content, footnotes: [...(mail.content.footnotes ?? []), notice.footnote] }
    : mail.content;
  const footer = { operatorName: deps.config.operator.legalName, baseUrl: deps.config.baseUrl };
  const rendered = renderEmail(mail.locale, content, footer);
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
      listUnsubscribe: notice?.stopUrl ?? null,
    })
    .returning({ id: mailOutbox.id });
  await deps.jobs.enqueue(tx, DELIVER_MAIL_JOB, { mailId: row.id });
  return row.id;
}
