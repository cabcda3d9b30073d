import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { phoneNumbers } from '../../security/schema';
import { ratingOf } from '../reviews';
import { orders } from '../schema';

export type SellerCardData = {
  rating: { average: number | null; count: number };
  /** 販売実績: orders this seller completed. */
  completedSales: number;
  /** A verified phone number (SMS) is the one identity check members can see; the number itself never is. */
  phoneVerified: boolean;
};

/** What the seller card on a service page shows about who sells it. */
export async function sellerCardOf(tx: Tx, sellerId: string): Promise<SellerCardData> {
  const [sales] = await tx
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.sellerId, sellerId), eq(orders.status, 'completed')));
  const [phone] = await tx
    .select({ memberId: phoneNumbers.memberId })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.memberId, sellerId), isNotNull(phoneNumbers.verifiedAt)));
  return { rating: await ratingOf(tx, sellerId), completedSales: sales.n, phoneVerified: !!phone };
}
