import { and, eq, isNull, or } from 'drizzle-orm';
import { legalHolds } from '../retention/schema';
import { dataExports } from '../export/schema';
import type { Deps } from '../platform/deps';
import { deleteUpload } from '../platform/uploads';
import { members } from '../accounts/schema';
import { services } from '../marketplace/schema';
import { followRequests, follows } from '../privacy/schema';
import { deleteImageFiles, deleteServiceImageRows } from '../marketplace/services/images';
import { privacySettings, profileDetails } from '../privacy/schema';
import { cleanUpSocialData } from './socialCleanup';

/**
 * The heavier part of 退会, after the request has returned: follows and follow requests, profile details, the picture and service images.
 * Idempotent: run twice (a retry after a crash), it finds nothing left to do and changes nothing.
 */
export async function cleanUpWithdrawnMember(deps: Deps, memberId: string) {
  const [member] = await deps.db.select().from(members).where(eq(members.id, memberId));
  if (!member?.withdrawnAt) return;
  const exports = await deps.db.delete(dataExports).where(eq(dataExports.memberId, memberId)).returning();
  for (const e of exports) if (e.filePath) await deleteUpload(deps.files, e.filePath);
  const serviceImageFiles = await deps.db.transaction(async (tx) => {
    await tx.delete(follows).where(or(eq(follows.followerId, memberId), eq(follows.followeeId, memberId)));
    await tx
      .delete(followRequests)
      .where(or(eq(followRequests.requesterId, memberId), eq(followRequests.followeeId, memberId)));
    await tx.delete(profileDetails).where(eq(profileDetails.memberId, memberId));
    await tx.delete(privacySettings).where(eq(privacySettings.memberId, memberId));
    await cleanUpSocialData(tx, memberId);
    await tx.update(members).set({ bio: '', skills: '', avatarPath: null }).where(eq(members.id, memberId));
    return deleteServiceImageRows(tx, eq(services.sellerId, memberId));
  });
  // Files go after no row points to them; deleting a missing file is not an error.
  if (member.avatarPath) await deleteUpload(deps.files, member.avatarPath);
  await deleteImageFiles(deps, serviceImageFiles);
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
