/**
 * 消費税: every price on Wazaichi is shown 税込 (consumption tax included, 消費税法 §63 総額表示), at the
 * standard rate; services are not food, so the reduced 8% rate never applies.
 */
export const CONSUMPTION_TAX_PERCENT = 10;

/** うち消費税: the tax inside a 税込 amount, rounded down (the usual rounding for one transaction). */
export function includedTaxYen(priceYen: number, percent = CONSUMPTION_TAX_PERCENT): number {
  return Math.floor((priceYen * percent) / (100 + percent));
}
