import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import { privacySettings } from './schema';
import { defaultPrivacy, type PrivacyChoices } from './visibility';

/** A member's choices from their privacy_settings row; no row means the defaults. */
export function choicesFrom(row: typeof privacySettings.$inferSelect | null): PrivacyChoices {
  if (!row) return defaultPrivacy;
  const { memberId: _, ...choices } = row;
  return choices;
}

export async function privacyOf(db: Db | Tx, memberId: string): Promise<PrivacyChoices> {
  const [row] = await db.select().from(privacySettings).where(eq(privacySettings.memberId, memberId));
  return choicesFrom(row ?? null);
}
