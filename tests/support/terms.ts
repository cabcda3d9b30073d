import { termsVersions } from '../../src/legal/termsSchema';
import type { TestContext } from './context';

/** A new 利用規約 version taking effect at `effectiveAt` (as a migration would add it). */
export async function publishTermsVersion(ctx: TestContext, version: string, effectiveAt: Date) {
  const [row] = await ctx.deps.db
    .insert(termsVersions)
    .values({
      version,
      bodyJa: `第1条（適用）\n改定版${version}の本文です。`,
      bodyEn: `Article 1 (Scope)\nThe text of version ${version}.`,
      changesJa: `第8条（免責）を改定版${version}で書き直しました。`,
      changesEn: `Article 8 rewritten in version ${version}.`,
      effectiveAt,
    })
    .returning();
  return row;
}
