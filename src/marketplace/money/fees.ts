/** 売上金 = price minus the platform fee, credited when the order completes. */
export function sellerProceeds(priceYen: number, feePercent: number): { feeYen: number; proceedsYen: number } {
  const feeYen = Math.floor((priceYen * feePercent) / 100);
  return { feeYen, proceedsYen: priceYen - feeYen };
}
