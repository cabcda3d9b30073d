import { z } from 'zod';
import { fieldByIssue } from '../platform/web/forms';
import { invoiceNumberProblem, normaliseInvoiceNumber } from '../platform/invoiceNumber';

export const ADDRESSEE_MAX = 60;

export const addresseeForm = {
  addressee: fieldByIssue(
    z
      .string()
      .trim()
      .min(1)
      .max(ADDRESSEE_MAX)
      .refine((v) => !/[\p{Cc}]/u.test(v)),
    (issue) =>
      issue.code === 'too_big'
        ? (t) => t.documents.errors.addresseeTooLong(ADDRESSEE_MAX)
        : (t) => t.documents.errors.addresseeRequired,
  ),
};

/** A seller's registration number, as typed (full-width, hyphens) made plain, then its form and check digit. */
export const invoiceNumberForm = {
  number: fieldByIssue(
    z
      .string()
      .max(40)
      .transform(normaliseInvoiceNumber)
      .superRefine((v, ctx) => {
        const problem = invoiceNumberProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    (issue) =>
      issue.message === 'checkDigit'
        ? (t) => t.documents.errors.invoiceCheckDigit
        : (t) => t.documents.errors.invoiceFormat,
  ),
};
