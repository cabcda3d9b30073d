import { desc, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/client';
import { mailSettings, notifications } from '../platform/mail/noticeSchema';
import { favoritesForExport } from '../favorites/favorites';
import { blockedBy } from '../blocking/blocks';
import { reportsMadeBy } from '../reports/reports';

/** social.json (moments as Dates: the export's JSON writes them in Japan time): お気に入り, お知らせ, メール設定, ブロック and the 通報 the member made (never reports about them). */
export async function socialExport(tx: Tx, memberId: string) {
  const notices = await tx
    .select()
    .from(notifications)
    .where(eq(notifications.memberId, memberId))
    .orderBy(desc(notifications.createdAt));
  const [settings] = await tx.select().from(mailSettings).where(eq(mailSettings.memberId, memberId));
  const blocked = await blockedBy(tx, memberId);
  return {
    favorites: await favoritesForExport(tx, memberId),
    notifications: notices.map((n) => ({
      title: n.title,
      url: n.url,
      createdAt: n.createdAt,
      readAt: n.readAt,
    })),
    mailSettings: settings
      ? {
          messages: settings.messages,
          orders: settings.orders,
          offers: settings.offers,
          follows: settings.follows,
          news: settings.news,
        }
      : 'all on',
    blocks: blocked.map((b) => ({ username: b.username, blockedAt: b.createdAt })),
    reportsMade: await reportsMadeBy(tx, memberId),
  };
}
