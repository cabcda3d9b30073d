/**
 * 消費税: every price on Wazaichi is shown and charged 税込 (consumption tax included, 消費税法 §63 総額表示), at the
 * standard rate (services are not food, so the reduced 8% never applies). The one rate prices, receipts and
 * invoices use; the tax is worked back out of the total.
 */
export const CONSUMPTION_TAX_PERCENT = 10;

/**
 * うち消費税: the tax inside a 税込 amount, rounded down once per transaction or document (インボイス制度: one
 * rounding per rate per invoice, not per line).
 */
export function includedTaxYen(totalYen: number, percent = CONSUMPTION_TAX_PERCENT): number {
  return Math.floor((totalYen * percent) / (100 + percent));
}
