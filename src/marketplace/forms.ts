import { z } from 'zod';
import { field, textField } from '../platform/web/forms';
import type { Message } from '../dictionary';
import { OPTION_EXTRA_DAYS_MAX } from './services/options';

const wholeNumber = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const serviceForm = {
  title: textField(z.string().trim().min(1).max(80)),
  categoryId: field(wholeNumber, (t) => t.marketplace.errors.categoryRequired),
  description: textField(z.string().trim().min(1).max(5000)),
  priceYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen),
  deliveryDays: field(wholeNumber.pipe(z.number().min(1).max(90)), (t) => t.marketplace.errors.daysRange),
};

export const purchaseForm = {
  pointsToUse: field(
    z
      .string()
      .trim()
      .default('0')
      .pipe(z.string().regex(/^\d{0,9}$/))
      .transform((s) => Number(s || '0')),
    (t) => t.marketplace.errors.pointsInvalid,
  ),
  idempotencyKey: field(z.string().uuid(), (t) => t.common.errors.csrfBody),
  // The price the page showed: a purchase at another price is refused, never charged.
  expectedPriceYen: field(
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number),
    (t) => t.common.errors.csrfBody,
  ),
};

// 購入確認's form: the total that screen showed; only it carries this, so no other click charges (特商法 §12の6).
export const confirmedPurchaseForm = {
  ...purchaseForm,
  expectedTotalYen: field(
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number),
    (t) => t.marketplace.confirm.missing,
  ),
};

// Named apart from the service form's fields: both forms sit on the edit page.
export const optionForm = {
  optionTitle: field(z.string().trim().min(1).max(60), (t) => t.marketplace.options.titleInvalid),
  optionPriceYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen),
  optionExtraDays: field(wholeNumber.pipe(z.number().max(OPTION_EXTRA_DAYS_MAX)), (t) =>
    t.marketplace.options.extraDaysInvalid(OPTION_EXTRA_DAYS_MAX),
  ),
};

const optionKey = /^option:([0-9a-f-]{36})$/;
/**
 * The 有料オプション ticked on the purchase form: fields `option:<id>` carrying the price the page showed.
 * null when one is malformed (the form was altered).
 */
export function optionPricesFrom(body: Record<string, string>): Record<string, number> | null {
  const prices: Record<string, number> = {};
  for (const [key, value] of Object.entries(body)) {
    const id = optionKey.exec(key)?.[1];
    if (!key.startsWith('option:')) continue;
    if (!id || !z.string().uuid().safeParse(id).success || !/^\d{1,9}$/.test(value)) return null;
    prices[id] = Number(value);
  }
  return prices;
}

export const reviewForm = {
  rating: field(wholeNumber.pipe(z.number().min(1).max(5)), (t) => t.marketplace.errors.ratingRange),
  comment: textField(z.string().trim().max(1000)),
};

export const payoutForm = { amountYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen) };

const digits = (n: number, message: Message) =>
  field(
    z
      .string()
      .normalize('NFKC')
      .trim()
      .regex(new RegExp(`^\\d{${n}}$`)),
    message,
  );
export const payoutAccountForm = {
  bankCode: digits(4, (t) => t.marketplace.errors.bankCode),
  branchCode: digits(3, (t) => t.marketplace.errors.branchCode),
  accountType: field(z.enum(['ordinary', 'current']), (t) => t.common.form.invalid),
  accountNumber: digits(7, (t) => t.marketplace.errors.accountNumber),
  holderKana: field(
    z
      .string()
      .normalize('NFKC')
      .trim()
      .regex(/^[ァ-ヶー 　]{1,40}$/u),
    (t) => t.marketplace.errors.holderKana,
  ),
};
