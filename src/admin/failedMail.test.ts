import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { deliverMail } from '../platform/mail/deliver';
import { DELIVER_MAIL_JOB } from '../platform/mail/outbox';
import { mailOutbox } from '../platform/mail/schema';
import { createMember } from '../../tests/support/factories';
import { describeOnDatabases } from '../../tests/support/suites';
import { operatorClient } from '../../tests/support/trust';

let refusing = true;
const transport = {
  async send() {
    if (refusing) throw new Error('451 mailbox busy, try again later');
  },
};

describeOnDatabases(
  'mail that could not be sent, in the console',
  (ctx) => {
    it('shows operators a mail given up after the last retry, and sends it again on request', async () => {
      const operator = await operatorClient(ctx());
      const member = await createMember(ctx(), { verified: false });
      const [mail] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
      refusing = true;
      const deps = {
        db: ctx().deps.db,
        clock: ctx().clock,
        log: ctx().deps.log,
        transport,
        mailFrom: ctx().config.mailFrom,
      };
      expect(await deliverMail(deps, mail.id, { lastTry: true })).toBe('failed');

      const home = await operator.get('/admin');
      const section = home.text.slice(home.text.indexOf('data-testid="failed-mail"'));
      expect(section).toContain('送信できなかったメール');
      expect(section).toContain(member.email);
      expect(section).toContain('451 mailbox busy');

      refusing = false;
      const resent = await operator.post(`/admin/mail/${mail.id}/resend`);
      expect(resent.location).toBe('/admin?notice=resent');
      expect((await operator.get(resent.location!)).text).toContain('メールの再送を予約しました。');
      await ctx().deps.jobs.drain(DELIVER_MAIL_JOB);
      const [row] = await ctx().deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id));
      expect(row.status).toBe('sent');
      const after = await operator.get('/admin');
      expect(after.text.slice(after.text.indexOf('data-testid="failed-mail"'))).not.toContain(member.email);
      // Sending again a mail that is no longer failed queues nothing.
      await operator.post(`/admin/mail/${mail.id}/resend`);
      expect(await ctx().deps.jobs.drain(DELIVER_MAIL_JOB)).toBe(0);
    });
  },
  { mailTransport: transport },
);
