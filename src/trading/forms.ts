import { z } from 'zod';
import { field, textField } from '../platform/web/forms';
import { OFFER_VALID_DAYS_MAX } from './offers';

const wholeNumber = z
  .string()
  .normalize('NFKC')
  .trim()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const offerForm = {
  serviceId: field(z.string().uuid(), (t) => t.trading.errors.serviceRequired),
  scope: textField(z.string().trim().min(1).max(2000)),
  priceYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen),
  deliveryDays: field(wholeNumber.pipe(z.number().min(1).max(90)), (t) => t.marketplace.errors.daysRange),
  validDays: field(wholeNumber.pipe(z.number().min(1).max(OFFER_VALID_DAYS_MAX)), (t) =>
    t.trading.errors.validDays(OFFER_VALID_DAYS_MAX),
  ),
  idempotencyKey: field(z.string().uuid(), (t) => t.common.errors.csrfBody),
};

export const acceptForm = { expectedPriceYen: field(wholeNumber, (t) => t.common.errors.csrfBody) };
// 購入確認's form: only that screen carries the total it showed, so the card's button alone never charges.
export const confirmedAcceptForm = {
  ...acceptForm,
  expectedTotalYen: field(wholeNumber, (t) => t.marketplace.confirm.missing),
};

export const tipForm = {
  amountYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen),
  idempotencyKey: field(z.string().uuid(), (t) => t.common.errors.csrfBody),
};

const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(d)));
export const jobRequestForm = {
  title: textField(z.string().trim().min(1).max(80)),
  description: textField(z.string().trim().min(1).max(5000)),
  categoryId: field(wholeNumber, (t) => t.marketplace.errors.categoryRequired),
  budgetMinYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen),
  budgetMaxYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen),
  deadline: field(isoDay, (t) => t.trading.requests.errors.deadline),
  visibility: field(z.enum(['public', 'members']), (t) => t.trading.requests.errors.visibility),
  idempotencyKey: field(z.string().uuid(), (t) => t.common.errors.csrfBody),
};

export const proposalForm = {
  serviceId: field(z.string().uuid(), (t) => t.trading.errors.serviceRequired),
  body: textField(z.string().trim().min(1).max(2000)),
  priceYen: field(wholeNumber, (t) => t.marketplace.errors.wholeYen),
  deliveryDays: field(wholeNumber.pipe(z.number().min(1).max(90)), (t) => t.marketplace.errors.daysRange),
};
