import { DAY } from '../platform/clock';

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
  // Corporation Tax Act regulations: 7 years from two months after the end of the fiscal year.
  transactionYears: 7,
  fiscalYearEndMonth: 3,
} as const;

export type RetentionPeriod = keyof typeof retention;

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
  fiscalYearEndMonth: { reason: 'the fiscal year ends on 31 March; the tax period counts from two months after it' },
};

export function daysAfter(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY);
}

export function yearsAfter(from: Date, years: number): Date {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/**
 * The latest moment whose transaction records may go now: a record dated on or before the end of a
 * fiscal year may be deleted once 7 years and 2 months have passed since that year end.
 */
export function transactionCutoff(
  now: Date,
  years: number = retention.transactionYears,
  fiscalYearEndMonth: number = retention.fiscalYearEndMonth,
): Date {
  const latestAllowedYearEnd = new Date(
    Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth() - 2, now.getUTCDate()),
  );
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
