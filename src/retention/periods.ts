import { DAY } from '../platform/clock';
import type { Config } from '../platform/config';
import type { Locale } from '../platform/i18n';

// How long each kind of record is kept. One place: the purge, the commands that set expiry dates, the privacy
// page and the tests read it. Each period's reason (and the law, where there is one) is in `retentionReasons`.
export const retention = {
  accountAfterWithdrawalDays: 30,
  endedSessionsDays: 30,
  securityLogDays: 365,
  loginFailuresDays: 2,
  mailOutboxDays: 90,
  emailTokensAfterExpiryDays: 90,
  smsOutboxDays: 30,
  shortLivedStateDays: 1,
  directMessagesAfterWithdrawalDays: 365,
  withdrawalReasonsDays: 3 * 365,
  operatorActionsDays: 3 * 365,
  inquiriesDays: 3 * 365,
  identitySignalIpDays: 30,
  bannedIdentityYears: 3,
  exportDownloadDays: 7,
  // A file in the store that no row names (a crash between writing it and committing its row): swept after this.
  orphanFileDays: 1,
  // 通報: kept from the operator's decision (or from the report, if none came), to see repeated trouble.
  reportsDecidedDays: 3 * 365,
  // お知らせ in the site, and the stop links of the mails they came with (a link outlives no mail copy).
  notificationsDays: 180,
  // Corporation Tax Act regulations: 7 years from two months after the end of the fiscal year (the default of
  // TRANSACTION_RETENTION_YEARS; 10 for fiscal years with a carried-forward loss).
  transactionYears: 7,
  fiscalYearEndMonth: 3,
  // The tax period starts this many months after the fiscal year ends (the filing deadline).
  taxPeriodStartMonths: 2,
  // Database backups (base backups with their WAL) and earlier versions of bucket objects: what the purge
  // deleted stays in them until they age out, so deleted data is gone everywhere this long after the purge.
  backupsDays: 35,
  // 利用規約への同意の記録: kept while the account lives and this long after 退会. A claim under a contract made on these
  // terms lapses five years after the party knew of it (民法 §166); the record is the proof of what was agreed.
  consentsAfterWithdrawalDays: 5 * 365,
} as const;

export type RetentionPeriod = keyof typeof retention;

/** The periods in force: the defaults above, with the transaction period as the operator set it. */
export type Periods = { readonly [K in RetentionPeriod]: number };

export function periodsOf(config: Pick<Config, 'transactionRetentionYears'>): Periods {
  return { ...retention, transactionYears: config.transactionRetentionYears };
}

/** Why each period is as long as it is, and the law that sets it where one does (for docs and operators). */
export const retentionReasons: Record<RetentionPeriod, { reason: string; law?: string }> = {
  accountAfterWithdrawalDays: {
    reason: 'send the completion notice; answer "withdrawn" to a login with the same address',
  },
  endedSessionsDays: { reason: 'let a member see where they were logged in recently' },
  securityLogDays: { reason: 'investigate misuse and tell a member about suspicious logins' },
  loginFailuresDays: { reason: 'count consecutive failed logins across a lock period, then forget them' },
  mailOutboxDays: { reason: 'a mail has been delivered or never will be long before (retries end sooner)' },
  emailTokensAfterExpiryDays: { reason: 'answer "this link has expired" rather than "unknown link" for a while' },
  smsOutboxDays: { reason: 'investigate a code that did not arrive' },
  shortLivedStateDays: {
    reason: 'rate-limit windows, half-finished logins and one-time codes outlive their use by a day',
  },
  directMessagesAfterWithdrawalDays: { reason: 'the member who stays can still read the conversation for a year' },
  withdrawalReasonsDays: { reason: 'improve the service from why members leave (not linked to the member)' },
  operatorActionsDays: { reason: 'answer a dispute about an operator decision' },
  inquiriesDays: { reason: 'answer follow-up questions about an inquiry' },
  identitySignalIpDays: { reason: 'find duplicate or banned accounts from a shared IP address' },
  bannedIdentityYears: { reason: 'stop a suspended member from coming back under a new account' },
  exportDownloadDays: { reason: 'time to download a data export; then the file goes' },
  orphanFileDays: {
    reason:
      'an upload is stored just before the row that names it commits; a day later, a file no row names is left over',
  },
  reportsDecidedDays: { reason: 'see repeated trouble from the same member or content after a report was decided' },
  notificationsDays: {
    reason: 'a member reads their お知らせ for half a year; the stop links of those mails go with them',
  },
  transactionYears: {
    reason: 'books and vouchers of a business must be kept',
    law: '法人税法施行規則 第59条 (Corporation Tax Act regulations, art. 59); 10 years for loss carry-forward years',
  },
  fiscalYearEndMonth: { reason: 'the fiscal year ends on 31 March (Japan time)' },
  taxPeriodStartMonths: {
    reason: 'the tax period counts from the filing deadline, two months after the fiscal year ends',
    law: '法人税法施行規則 第59条',
  },
  consentsAfterWithdrawalDays: {
    reason: 'prove which terms a member agreed to (and their age) while a claim under those terms can still be made',
    law: '民法 第166条 (Civil Code art. 166: claims lapse five years after the creditor knew of them)',
  },
  backupsDays: {
    reason:
      'restore the service after a failure or a mistake found late (a month, with a weekly base backup to spare); ' +
      'a backup is never restored to bring deleted data back',
  },
};

/** A span of days as a person reads it: whole years as years ("1年" / "a year"), else days ("30日" / "30 days"). */
export function spanWords(locale: Locale, days: number): string {
  if (days % 365 === 0) return yearWords(locale, days / 365);
  if (locale === 'ja') return `${days}日`;
  return days === 1 ? 'a day' : `${days} days`;
}

export function yearWords(locale: Locale, years: number): string {
  if (locale === 'ja') return `${years}年`;
  return years === 1 ? 'a year' : `${years} years`;
}

/** Every period in words, for texts that are functions of the periods (no number is typed into a sentence). */
export type PeriodWords = { readonly [K in RetentionPeriod]: string };

export function periodWords(locale: Locale, periods: Periods): PeriodWords {
  const words = {} as Record<RetentionPeriod, string>;
  for (const key of Object.keys(periods) as RetentionPeriod[]) {
    const n = periods[key];
    words[key] = key.endsWith('Years')
      ? yearWords(locale, n)
      : key === 'fiscalYearEndMonth'
        ? monthWords(locale, n)
        : key.endsWith('Months')
          ? monthsWords(locale, n)
          : spanWords(locale, n);
  }
  return words;
}

function monthsWords(locale: Locale, months: number): string {
  if (locale === 'ja') return `${months}か月`;
  return months === 1 ? 'a month' : `${months} months`;
}

function monthWords(locale: Locale, month: number): string {
  return locale === 'ja'
    ? `${month}月`
    : new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
}

export function daysAfter(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY);
}

export function yearsAfter(from: Date, years: number): Date {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

export function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY);
}

// Fiscal years and the tax period are counted in Japan time, whatever the server's zone.
const JST = 9 * 60 * 60 * 1000;

/** The start of a calendar day in Japan time, as an instant (month is 1-12, may overflow). */
function japanDayStart(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - JST);
}

/** The fiscal year (年度) a moment falls in, in Japan time: FY2026 runs from 1 April 2026 to 31 March 2027. */
export function fiscalYearOf(at: Date, periods: Periods): number {
  const local = new Date(at.getTime() + JST);
  const month = local.getUTCMonth() + 1;
  return month > periods.fiscalYearEndMonth ? local.getUTCFullYear() : local.getUTCFullYear() - 1;
}

/** The last moment of a fiscal year (end of its last day, Japan time). */
export function fiscalYearEnd(fiscalYear: number, periods: Periods): Date {
  return new Date(japanDayStart(fiscalYear + 1, periods.fiscalYearEndMonth + 1, 1).getTime() - 1);
}

/**
 * The last day (Japan time) a fiscal year's transaction records are kept: the tax period counts from two months
 * after the year end ("取引の記録（2026年度分）: 2034年5月31日まで保存"). Returned as that day's last moment.
 */
export function transactionKeptUntil(fiscalYear: number, periods: Periods): Date {
  const keptYear = fiscalYear + 1 + periods.transactionYears;
  // The end of the month the tax period starts in (day 1 of the next month, less a moment); months may overflow.
  const nextMonth = periods.fiscalYearEndMonth + periods.taxPeriodStartMonths + 1;
  return new Date(japanDayStart(keptYear, nextMonth, 1).getTime() - 1);
}

/**
 * The latest moment whose transaction records may go now: the end of the latest fiscal year whose kept-until
 * day is over. The purge deletes records dated on or before it; transactionKeptUntil says the same per year.
 */
export function transactionCutoff(now: Date, periods: Periods): Date {
  let fiscalYear = fiscalYearOf(now, periods);
  while (transactionKeptUntil(fiscalYear, periods) >= now) fiscalYear -= 1;
  return fiscalYearEnd(fiscalYear, periods);
}
