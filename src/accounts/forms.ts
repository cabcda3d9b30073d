import { z } from 'zod';
import { field, fieldByIssue, textField } from '../platform/web/forms';
import { isPrototypeName } from '../platform/web/inputRule';
import { consentFields } from '../legal/consentForm';

export const emailField = field(z.string().trim().max(254).email(), (t) => t.accounts.errors.emailInvalid);
// Empty is "required", over the cap "too long": each failure in its own words.
const passwordInput = textField(z.string().min(1).max(4096));

const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\r\n]*$/);
const displayNameText = textField(displayNameSchema);
/** The one display-name field (sign-up, SNS sign-up, profile): one line, shown wherever the member appears. */
export const displayNameField = fieldByIssue(displayNameSchema, (issue) =>
  issue.code === 'invalid_format' ? (t) => t.accounts.errors.displayNameOneLine : displayNameText.problem(issue),
);

export const signupForm = {
  email: emailField,
  username: field(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{3,20}$/)
      // A profile address /users/<name> must pass the shared input rule.
      .refine((name) => !isPrototypeName(name)),
    (t) => t.accounts.errors.usernameFormat,
  ),
  displayName: displayNameField,
  password: passwordInput,
  ...consentFields,
};

export const loginForm = { email: emailField, password: passwordInput };
export const resetRequestForm = { email: emailField };
export const resetConfirmForm = {
  token: field(z.string().min(10).max(100), (t) => t.accounts.errors.tokenInvalid),
  password: passwordInput,
};
export const changePasswordForm = { currentPassword: passwordInput, newPassword: passwordInput };
export const setPasswordForm = { newPassword: passwordInput };
export const changeEmailForm = { newEmail: emailField, currentPassword: passwordInput };
export const localeForm = { locale: field(z.enum(['ja', 'en']), (t) => t.common.form.invalid) };
