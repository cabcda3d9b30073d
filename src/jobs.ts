import type { Deps } from './platform/deps';
import { deliverMail } from './platform/mail/deliver';
import { DELIVER_MAIL_JOB } from './platform/mail/outbox';

/** Every background job of the app, by name. Handlers are idempotent: a retried job changes nothing twice. */
export function defineJobs(deps: Deps) {
  deps.jobs.define<{ mailId: string }>({
    name: DELIVER_MAIL_JOB,
    handler: async ({ mailId }) => {
      await deliverMail({ db: deps.db, clock: deps.clock, log: deps.log, transport: deps.mailTransport, mailFrom: deps.config.mailFrom }, mailId);
    },
  });
}
