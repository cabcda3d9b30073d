import { eq } from 'drizzle-orm';
import type { Message } from '../dictionary';
import type { Deps } from '../platform/deps';
import { checkPicture, deleteUpload, sniffUpload, storeUpload } from '../platform/uploads';
import { members } from '../accounts/schema';
import { AVATAR_MAX_BYTES, AVATAR_MAX_PIXELS } from './limits';
import { saveDetails, type Details } from '../privacy/settings';

const avatarProblems = {
  tooLarge: ((t) => t.profiles.avatarTooLarge) as Message,
  type: ((t) => t.profiles.avatarType) as Message,
  dimensions: ((t) => t.profiles.avatarDimensions) as Message,
};

/** An avatar must be a real PNG, JPEG or WebP, small enough in bytes and pixels (checkPicture); anything else is refused. */
export function avatarProblem(bytes: Uint8Array): Message | null {
  const checked = checkPicture(bytes, { maxBytes: AVATAR_MAX_BYTES, maxPixels: AVATAR_MAX_PIXELS });
  return checked.ok ? null : avatarProblems[checked.problem];
}

export type ProfileInput = { displayName: string; bio: string; skills: string };

/** Saves the profile; a new avatar replaces the old file, which is deleted. */
export async function updateProfile(
  deps: Deps,
  memberId: string,
  input: ProfileInput,
  details: Details,
  avatar: Uint8Array | null,
): Promise<{ avatar?: Message } | null> {
  if (avatar) {
    const problem = avatarProblem(avatar);
    if (problem) return { avatar: problem };
  }
  const [before] = await deps.db
    .select({ avatarPath: members.avatarPath })
    .from(members)
    .where(eq(members.id, memberId));
  const avatarPath = avatar ? await storeUpload(deps.files, avatar, sniffUpload(avatar)!) : undefined;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(members)
      .set({ ...input, ...(avatarPath ? { avatarPath } : {}), updatedAt: deps.clock.now() })
      .where(eq(members.id, memberId));
    await saveDetails(tx, memberId, details);
  });
  if (avatarPath && before?.avatarPath) await deleteUpload(deps.files, before.avatarPath);
  return null;
}
