/**
 * 消費税: the one rate every price, receipt and invoice uses while the app has no tax setting. Prices are shown and
 * charged tax included (税込, 総額表示), so the tax is worked back out of the total.
 */
export const CONSUMPTION_TAX_PERCENT = 10;

/**
 * The tax inside a tax-included amount, rounded down once per document (インボイス制度: one rounding per rate
 * per invoice, not per line).
 */
export function taxIncluded(totalYen: number, percent = CONSUMPTION_TAX_PERCENT): number {
  return Math.floor((totalYen * percent) / (100 + percent));
}
