import { and, eq, isNull, or } from 'drizzle-orm';
import { legalHolds } from '../retention/schema';
import { dataExports } from '../export/schema';
import type { Deps } from '../platform/deps';
import { deleteQueuedFiles, queueFileDeletions } from '../platform/files/deletions';
import { members } from '../accounts/schema';
import { services } from '../marketplace/schema';
import { followRequests, follows } from '../privacy/schema';
import { deleteServiceImageRows } from '../marketplace/services/images';
import { privacySettings, profileDetails } from '../privacy/schema';
import { cleanUpSocialData } from './socialCleanup';

/**
 * The heavier part of 退会, after the request has returned: follows and follow requests, profile details, the picture and service images.
 * Idempotent: run twice (a retry after a crash), it finds nothing left to do and changes nothing.
 */
export async function cleanUpWithdrawnMember(deps: Deps, memberId: string) {
  const [member] = await deps.db.select().from(members).where(eq(members.id, memberId));
  if (!member?.withdrawnAt) return;
  await deps.db.transaction(async (tx) => {
    const exports = await tx.delete(dataExports).where(eq(dataExports.memberId, memberId)).returning();
    await tx.delete(follows).where(or(eq(follows.followerId, memberId), eq(follows.followeeId, memberId)));
    await tx
      .delete(followRequests)
      .where(or(eq(followRequests.requesterId, memberId), eq(followRequests.followeeId, memberId)));
    await tx.delete(profileDetails).where(eq(profileDetails.memberId, memberId));
    await tx.delete(privacySettings).where(eq(privacySettings.memberId, memberId));
    await cleanUpSocialData(tx, memberId);
    await tx
      .update(members)
      .set({ bio: '', skills: '', avatarPath: null, buysAsBusiness: false })
      .where(eq(members.id, memberId));
    const images = await deleteServiceImageRows(tx, eq(services.sellerId, memberId));
    // The files are recorded with the rows that pointed to them: a crash after this commit leaves the record, not them.
    const keys = [member.avatarPath, ...exports.map((e) => e.filePath), ...images];
    await queueFileDeletions(tx, keys, deps.clock.now());
  });
  await deleteQueuedFiles(deps);
}

/** 30 days after 退会: the address, the password and the name go (unless under legal hold); the username stays reserved. */
export async function purgeWithdrawnAccount(deps: Deps, memberId: string) {
  const [held] = await deps.db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.memberId, memberId), isNull(legalHolds.releasedAt)));
  if (held) return; // the daily purge picks it up once the hold is released
  await deps.db
    .update(members)
    .set({ email: `withdrawn+${memberId}@invalid`, passwordHash: null, displayName: '' })
    .where(eq(members.id, memberId));
}
