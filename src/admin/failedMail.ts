import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import type { CurrentMember } from '../platform/web/env';
import { DELIVER_MAIL_JOB } from '../platform/mail/outbox';
import { mailOutbox } from '../platform/mail/schema';
import { logOperatorAction } from '../trust/operatorLog';

export type FailedMail = {
  id: string;
  toAddress: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
};

/** Mail the job queue gave up on after its last retry, newest first. */
export async function failedMail(db: Db, limit = 50): Promise<FailedMail[]> {
  return db
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'failed'))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}

/** Puts a failed mail back in line with a fresh delivery job (and a full round of retries). False when it is no longer failed. */
export async function resendFailedMail(deps: Deps, operator: CurrentMember, mailId: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [mail] = await tx
      .update(mailOutbox)
      .set({ status: 'pending' })
      .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, 'failed')))
      .returning({ id: mailOutbox.id, memberId: mailOutbox.memberId, template: mailOutbox.template });
    if (!mail) return false;
    await deps.jobs.enqueue(tx, DELIVER_MAIL_JOB, { mailId: mail.id });
    await logOperatorAction(tx, operator, 'mail_resent', mail.memberId, mail.template, deps.clock.now());
    return true;
  });
}
