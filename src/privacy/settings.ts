import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import type { Deps } from '../platform/deps';
import { members } from '../accounts/schema';
import { recordSecurityEvent } from '../security/sessions/securityEvents';
import type { RequestOrigin } from '../platform/context';
import { privacySettings, profileDetails } from './schema';
import { approveFollowRequests } from './follows';
import { followNeedsApproval, type PrivacyChoices } from './visibility';

/**
 * Saves the member's 公開設定 and writes the change to their security history. Once no follow needs
 * approval any more, the pending フォローリクエスト are approved: anyone may now follow without asking.
 * Returns how many requests that approved.
 */
export async function savePrivacy(
  deps: Deps,
  memberId: string,
  choices: PrivacyChoices,
  origin: RequestOrigin,
): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // Locked as follow() locks it: no request is left waiting once approval is no longer needed.
    await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for('update');
    await tx
      .insert(privacySettings)
      .values({ memberId, ...choices })
      .onConflictDoUpdate({ target: privacySettings.memberId, set: choices });
    await recordSecurityEvent(tx, memberId, 'privacy_changed', origin, now);
    return followNeedsApproval(choices) ? 0 : approveFollowRequests(tx, memberId, 'all', now);
  });
}

export type Details = { realName: string; location: string; birthday: string | null; website: string };

export async function detailsOf(db: Db | Tx, memberId: string): Promise<Details> {
  const [row] = await db.select().from(profileDetails).where(eq(profileDetails.memberId, memberId));
  return row
    ? { realName: row.realName, location: row.location, birthday: row.birthday, website: row.website }
    : { realName: '', location: '', birthday: null, website: '' };
}

export async function saveDetails(tx: Tx, memberId: string, details: Details) {
  await tx
    .insert(profileDetails)
    .values({ memberId, ...details })
    .onConflictDoUpdate({ target: profileDetails.memberId, set: details });
}
