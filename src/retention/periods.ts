import { DAY } from '../platform/clock';

// How long each kind of record is kept. One place: the purge, the privacy page and the tests read it.
export const retention = {
  accountAfterWithdrawalDays: 30,
  endedSessionsDays: 30,
  securityLogDays: 365,
  mailOutboxDays: 90,
  smsOutboxDays: 30,
  shortLivedStateDays: 1,
  directMessagesAfterWithdrawalDays: 365,
  withdrawalReasonsDays: 3 * 365,
  operatorActionsDays: 3 * 365,
  inquiriesDays: 3 * 365,
  // 通報: kept from the operator's decision (or from the report, if none came), to see repeated trouble.
  reportsDecidedDays: 3 * 365,
  // お知らせ in the site, and the stop links of the mails they came with (a link outlives no mail copy).
  notificationsDays: 180,
  // Corporation Tax Act regulations: 7 years from two months after the end of the fiscal year.
  transactionYears: 7,
  fiscalYearEndMonth: 3,
} as const;

/**
 * The latest moment whose transaction records may go now: a record dated on or before the end of a
 * fiscal year may be deleted once 7 years and 2 months have passed since that year end.
 */
export function transactionCutoff(now: Date, years: number = retention.transactionYears, fiscalYearEndMonth: number = retention.fiscalYearEndMonth): Date {
  const latestAllowedYearEnd = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth() - 2, now.getUTCDate()));
  // Walk back to the last fiscal-year end (the last day of fiscalYearEndMonth) on or before that date.
  let year = latestAllowedYearEnd.getUTCFullYear();
  let yearEnd = new Date(Date.UTC(year, fiscalYearEndMonth, 1) - 1);
  if (yearEnd > latestAllowedYearEnd) {
    year -= 1;
    yearEnd = new Date(Date.UTC(year, fiscalYearEndMonth, 1) - 1);
  }
  return yearEnd;
}

export function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY);
}
