import { z } from 'zod';
import { field } from '../platform/web/forms';
import { ageConfirmations } from './termsSchema';

/** The consent part of both sign-up forms (email and SNS): the box, the age radio, and the version shown. */
export const consentFields = {
  agree: field(z.literal('on'), (t) => t.terms.errors.agreeRequired),
  age: field(z.enum(ageConfirmations), (t) => t.terms.errors.ageRequired),
  termsVersion: field(z.string().min(1).max(40), (t) => t.terms.errors.changedMeanwhile),
};
