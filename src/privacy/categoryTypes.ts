import type { Locale } from '../platform/i18n';
import type { PeriodWords } from '../retention/periods';

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
  | 'reports'
  | 'documents'
  | 'consents';

/** A text that names periods: a function of the periods in words (retention/periods.ts), never a typed number. */
export type PeriodText = (p: PeriodWords) => string;

export type DataCategory = {
  key: DataCategoryKey;
  tables: string[];
  /** The category's name, shown beside its fate on the last withdrawal step and in the completion mail. */
  name: Record<Locale, string>;
  holds: Record<Locale, string>;
  purpose: Record<Locale, string>;
  /** What happens to it when the member leaves (退会): said on the privacy page, the last withdrawal step and the completion mail. */
  afterWithdrawal: Record<Locale, PeriodText>;
  /** Kept after withdrawal (shown under "what is kept") rather than deleted at once. */
  keptAfterWithdrawal: boolean;
  /** Why it is kept after 退会, said beside the member's own date (categories kept after withdrawal). */
  keptBecause?: Record<Locale, string>;
};
