import { and, eq, inArray } from 'drizzle-orm';
import { members } from '../accounts/schema';
import type { Deps } from '../platform/deps';
import { mailLinks } from '../platform/mail/links';
import { queueMail } from '../platform/mail/outbox';
import { exportFailedMail } from './mails';
import { dataExports } from './schema';

/** Where an export's ZIP is kept: generated from its id, never from anything a member typed. */
export const exportFileKey = (exportId: string) => `uploads/exports/${exportId}.zip`;

/**
 * An export that failed for good (every retry threw, or the worker of the last one died): it ends as failed, its
 * half-written file goes, and its member gets a mail pointing at the retry button. Once only, however often it runs.
 */
export async function exportFailed(deps: Deps, exportId: string) {
  await deps.files.discardPartial(exportFileKey(exportId));
  await deps.db.transaction(async (tx) => {
    const [failed] = await tx
      .update(dataExports)
      .set({ status: 'failed', progress: 0 })
      .where(and(eq(dataExports.id, exportId), inArray(dataExports.status, ['queued', 'running'])))
      .returning();
    if (!failed) return;
    const [member] = await tx.select().from(members).where(eq(members.id, failed.memberId));
    if (!member || member.withdrawnAt) return;
    await queueMail(tx, deps, {
      to: member.email,
      memberId: member.id,
      template: 'export_failed',
      locale: member.locale,
      content: exportFailedMail(member.locale, {
        name: member.displayName,
        url: mailLinks(deps.config.baseUrl).exportPage,
      }),
    });
  });
}
