import { sql } from 'drizzle-orm';
import type { Deps } from './platform/deps';
import { deliverMail } from './platform/mail/deliver';
import { DELIVER_MAIL_JOB } from './platform/mail/outbox';
import { PASSWORD_RESET_JOB, sendPasswordReset, type PasswordResetJob } from './accounts/passwordReset';
import { expirePoints } from './marketplace/money/ledger';
import { autoApproveDeliveredOrders } from './marketplace/orders/transitions';
import { sendCheckupReminders } from './security/checkup';
import { cleanUpWithdrawnMember, purgeWithdrawnAccount } from './withdrawal/cleanup';
import { purgeExpired } from './retention/purge';
import { buildExport } from './export/build';
import { exportFailed } from './export/failure';
import { BUILD_EXPORT_JOB } from './export/requestExport';
import { liftEndedSuspensions } from './trust/suspension';
import { backfillTrustRecords } from './trust/backfill';
import { SEARCH_SYNC_JOB, type SyncTarget } from './platform/searchPort';
import { WITHDRAWAL_ACCOUNT_PURGE_JOB, WITHDRAWAL_CLEANUP_JOB } from './withdrawal/withdrawMember';

export const AUTO_APPROVE_JOB = 'orders.auto-approve';
export const EXPIRE_POINTS_JOB = 'points.expire';
export const ANALYZE_SEARCH_JOB = 'search.analyze';
export const CHECKUP_REMINDER_JOB = 'security.checkup-reminders';
export const RETENTION_PURGE_JOB = 'retention.purge';
export const LIFT_ENDED_SUSPENSIONS_JOB = 'suspensions.lift-ended';
export const TRUST_BACKFILL_JOB = 'trust.backfill';

/** Every background job of the app, by name. Handlers are idempotent: a retried job changes nothing twice. */
export function defineJobs(deps: Deps) {
  deps.jobs.define<{ mailId: string }>({
    name: DELIVER_MAIL_JOB,
    // One SMTP conversation: a worker silent for a minute has died, and the mail's claim is reconciled (deliver.ts).
    expireSeconds: 60,
    handler: async ({ mailId }, run) => {
      await deliverMail(
        {
          db: deps.db,
          clock: deps.clock,
          log: deps.log,
          transport: deps.mailTransport,
          mailFrom: deps.config.mailFrom,
        },
        mailId,
        run,
      );
    },
  });
  deps.jobs.define({
    name: AUTO_APPROVE_JOB,
    expireSeconds: 300,
    cron: '*/10 * * * *',
    handler: async () => {
      // Batches until nothing is due, so a backlog after downtime clears in one run.
      while ((await autoApproveDeliveredOrders(deps)) > 0);
    },
  });
  deps.jobs.define({
    name: EXPIRE_POINTS_JOB,
    expireSeconds: 300,
    cron: '15 * * * *',
    handler: async () => {
      while ((await deps.db.transaction((tx) => expirePoints(tx, deps.clock.now()))) > 0);
    },
  });
  deps.jobs.define<PasswordResetJob>({
    name: PASSWORD_RESET_JOB,
    // One lookup and one mail queued in a transaction: a retry after a crash finds it committed or not at all.
    expireSeconds: 60,
    handler: (job) => sendPasswordReset(deps, job),
  });
  deps.jobs.define<{ memberId: string }>({
    name: WITHDRAWAL_CLEANUP_JOB,
    expireSeconds: 180,
    handler: ({ memberId }) => cleanUpWithdrawnMember(deps, memberId),
  });
  deps.jobs.define<{ memberId: string }>({
    name: WITHDRAWAL_ACCOUNT_PURGE_JOB,
    expireSeconds: 60,
    handler: ({ memberId }) => purgeWithdrawnAccount(deps, memberId),
  });
  deps.jobs.define<{ exportId: string }>({
    name: BUILD_EXPORT_JOB,
    retryLimit: 3,
    expireSeconds: 180,
    handler: ({ exportId }) => buildExport(deps, exportId),
    failed: ({ exportId }) => exportFailed(deps, exportId),
  });
  deps.jobs.define<SyncTarget>({
    name: SEARCH_SYNC_JOB,
    expireSeconds: 60,
    // It reads the database when it runs: running it again after a crash leaves the same index.
    rerunInterrupted: true,
    handler: (target) => deps.search.sync(target),
  });
  deps.jobs.define({
    name: RETENTION_PURGE_JOB,
    // Each batch commits with its purge-log line, so a run cut short is resumed, never miscounted.
    expireSeconds: 300,
    cron: '30 2 * * *',
    handler: async () => void (await purgeExpired(deps)),
  });
  deps.jobs.define({
    name: TRUST_BACKFILL_JOB,
    expireSeconds: 300,
    cron: '20 * * * *',
    handler: async () => {
      while ((await backfillTrustRecords(deps)) > 0);
    },
  });
  deps.jobs.define({
    name: LIFT_ENDED_SUSPENSIONS_JOB,
    expireSeconds: 300,
    cron: '*/10 * * * *',
    handler: async () => void (await liftEndedSuspensions(deps)),
  });
  deps.jobs.define({
    name: CHECKUP_REMINDER_JOB,
    expireSeconds: 300,
    cron: '0 1 * * *',
    handler: async () => {
      while ((await sendCheckupReminders(deps)) > 0);
    },
  });
  deps.jobs.define({
    name: ANALYZE_SEARCH_JOB,
    expireSeconds: 300,
    cron: '40 * * * *',
    // Search picks its index terms from the table statistics; PGlite has no autovacuum to refresh them.
    handler: async () => {
      await deps.db.execute(sql`analyze services`);
    },
  });
}
