import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { queueMail } from '../../platform/mail/outbox';
import type { CurrentMember } from '../../platform/web/env';
import { recordSecurityEvent, type SecurityEventKind } from '../sessions/securityEvents';
import type { RequestOrigin } from '../../platform/context';
import { factorChangedMail, type FactorChange } from '../mails';

const eventOf: Record<FactorChange, SecurityEventKind> = {
  totp_on: 'factor_added',
  totp_off: 'factor_removed',
  sms_on: 'phone_verified',
  sms_off: 'phone_removed',
  recovery_regenerated: 'recovery_codes_regenerated',
};

/** Every change to a second factor goes in the security log and is mailed to the member (ASVS 7.5.1, 6.3.7). */
export async function announceFactorChange(tx: Tx, deps: Deps, member: Pick<CurrentMember, 'id' | 'email' | 'locale' | 'displayName'>, change: FactorChange, origin: RequestOrigin, now: Date) {
  await recordSecurityEvent(tx, member.id, eventOf[change], origin, now);
  await queueMail(tx, deps, {
    to: member.email,
    memberId: member.id,
    template: `factor_${change}`,
    locale: member.locale,
    content: factorChangedMail(member.locale, { name: member.displayName, change, when: now.toISOString(), securityUrl: `${deps.config.baseUrl}/settings/security` }),
  });
}
