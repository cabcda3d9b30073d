/**
 * Every mail template, classified once. Optional kinds can be turned off in メール設定
 * (/settings/notifications) and carry a one-click stop link; required ones always go out.
 */
export const optionalMailKinds = ['messages', 'orders', 'offers', 'follows', 'news'] as const;
export type OptionalMailKind = (typeof optionalMailKinds)[number];
export type MailKind = OptionalMailKind | 'security' | 'legal' | 'money';

// order_cancelled is a refund notice: money, below.
const orderEvents = [
  'purchased',
  'delivered',
  'completed',
  'autoCompleted',
  'cancelRequested',
  'cancelWithdrawn',
  'disputed',
  'resumed',
  'newMessage',
];

export const mailKindOf: Record<string, MailKind> = {
  // Security: the account's safety; never optional.
  verify_email: 'security',
  signup_attempt: 'security',
  password_reset: 'security',
  password_changed: 'security',
  email_change_verify: 'security',
  email_changed: 'security',
  new_device_login: 'security',
  account_locked: 'security',
  second_step_failed: 'security',
  security_checkup: 'security',
  sns_linked: 'security',
  sns_unlinked: 'security',
  factor_totp_on: 'security',
  factor_totp_off: 'security',
  factor_sms_on: 'security',
  factor_sms_off: 'security',
  factor_recovery_regenerated: 'security',
  passkey_added: 'security',
  passkey_removed: 'security',
  // Legal: what the member has a right to be told (account decisions, their data, their inquiries).
  suspended: 'legal',
  suspension_lifted: 'legal',
  content_warning: 'legal',
  withdrawal_complete: 'legal',
  export_ready: 'legal',
  export_failed: 'legal',
  inquiry_received: 'legal',
  inquiry_answered: 'legal',
  // Money: payouts and where they go.
  payout_paid: 'money',
  payout_rejected: 'money',
  payout_account_changed: 'money',
  order_cancelled: 'money',
  // Optional.
  new_message: 'messages',
  follow_request: 'follows',
  ...Object.fromEntries(orderEvents.map((e) => [`order_${e}`, 'orders' as const])),
};

/** The kind of a template; one not listed is treated as required, so a new mail is never silently stoppable. */
export function mailKind(template: string): MailKind {
  return mailKindOf[template] ?? 'security';
}

export function isOptionalKind(kind: MailKind): kind is OptionalMailKind {
  return (optionalMailKinds as readonly string[]).includes(kind);
}
