import { exportJson } from './json';
import { asc, eq, or } from 'drizzle-orm';
import type yazl from 'yazl';
import type { Db } from '../platform/db/client';
import { offers, orderTips } from '../trading/schema';
import { requestsOfMember } from '../trading/requests';

/** 見積り提案 the member sent or received, and the tips they gave, each with the member's side. */
export async function addTradingEntries(db: Db, zip: yazl.ZipFile, memberId: string) {
  const mine = await db
    .select()
    .from(offers)
    .where(or(eq(offers.sellerId, memberId), eq(offers.buyerId, memberId)))
    .orderBy(asc(offers.createdAt));
  const shown = mine.map(({ idempotencyKey, ...o }) => ({ ...o, role: o.sellerId === memberId ? 'sent' : 'received' }));
  zip.addBuffer(Buffer.from(exportJson(shown)), 'offers.json');
  const tips = await db
    .select()
    .from(orderTips)
    .where(eq(orderTips.buyerId, memberId))
    .orderBy(asc(orderTips.createdAt));
  zip.addBuffer(Buffer.from(exportJson(tips.map(({ idempotencyKey, ...t }) => t))), 'tips.json');
  zip.addBuffer(Buffer.from(exportJson(await requestsOfMember(db, memberId))), 'requests.json');
}
