import type { Locale } from '../platform/i18n';

export type DataCategoryKey =
  | 'account'
  | 'profile'
  | 'sessions'
  | 'securityLog'
  | 'factors'
  | 'phone'
  | 'banned'
  | 'trading'
  | 'messages'
  | 'money'
  | 'exports'
  | 'mail'
  | 'identitySignals'
  | 'sns'
  | 'suspensions'
  | 'inquiries'
  | 'favorites'
  | 'blocks'
  | 'notifications'
  | 'reports';

export type DataCategory = {
  key: DataCategoryKey;
  tables: string[];
  holds: Record<Locale, string>;
  purpose: Record<Locale, string>;
  /** What happens to it when the member leaves (退会): said on the privacy page, the last withdrawal step and the completion mail. */
  afterWithdrawal: Record<Locale, string>;
  /** Kept after withdrawal (shown under "what is kept") rather than deleted at once. */
  keptAfterWithdrawal: boolean;
};
