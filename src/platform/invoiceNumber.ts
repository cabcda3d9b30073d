/**
 * 適格請求書発行事業者登録番号: "T" and 13 digits, the first of which is a check digit computed like the
 * 法人番号's (9 − Σ(digit × weight) mod 9 over the other twelve, weights 1 and 2 from the right).
 * Here in platform because the settings check the operator's own number with it at start.
 */
export type InvoiceNumberProblem = 'format' | 'checkDigit';

export function invoiceNumberProblem(value: string): InvoiceNumberProblem | null {
  if (!/^T\d{13}$/.test(value)) return 'format';
  return Number(value[1]) === invoiceCheckDigit(value.slice(2)) ? null : 'checkDigit';
}

/** The check digit for the twelve digits that follow it. */
export function invoiceCheckDigit(twelveDigits: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(twelveDigits[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

/** Full-width digits and a lower-case t, as members often type them, made plain. */
export function normaliseInvoiceNumber(value: string): string {
  return value
    .trim()
    .replace(/[０-９Ｔｔ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－‐]/g, '')
    .toUpperCase();
}
