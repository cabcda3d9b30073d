import { eq, or } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { favoriteSellers, favoriteServices } from '../favorites/schema';
import { blocks } from '../blocking/schema';
import { mailSettings, mailStopTokens, notifications } from '../platform/mail/noticeSchema';

/** What 退会 deletes of お気に入り, お知らせ, メール設定 and ブロック, in the clean-up's transaction (privacy/socialDataCategories.ts). */
export async function cleanUpSocialData(tx: Tx, memberId: string) {
  await tx.delete(favoriteServices).where(eq(favoriteServices.memberId, memberId));
  await tx.delete(notifications).where(eq(notifications.memberId, memberId));
  await tx.delete(mailSettings).where(eq(mailSettings.memberId, memberId));
  await tx.delete(mailStopTokens).where(eq(mailStopTokens.memberId, memberId));
  await tx.delete(blocks).where(or(eq(blocks.blockerId, memberId), eq(blocks.blockedId, memberId)));
  await tx
    .delete(favoriteSellers)
    .where(or(eq(favoriteSellers.memberId, memberId), eq(favoriteSellers.sellerId, memberId)));
}
