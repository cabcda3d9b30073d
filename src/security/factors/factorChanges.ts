import type { Tx } from '../../platform/db/client';
import type { Deps } from '../../platform/deps';
import { mailMember } from '../../platform/mail/mailMember';
import type { CurrentMember } from '../../platform/web/env';
import { recordSecurityEvent, type SecurityEventKind } from '../sessions/securityEvents';
import type { RequestOrigin } from '../../platform/context';
import { factorChangedMail, type FactorChange } from '../mails';
import { mailLinks } from '../../platform/mail/links';

const eventOf: Record<FactorChange, SecurityEventKind> = {
  totp_on: 'factor_added',
  totp_off: 'factor_removed',
  sms_on: 'phone_verified',
  sms_off: 'phone_removed',
  recovery_regenerated: 'recovery_codes_regenerated',
};

/** Every change to a second factor goes in the security log and is mailed to the member (ASVS 7.5.1, 6.3.7). */
export async function announceFactorChange(
  tx: Tx,
  deps: Deps,
  member: Pick<CurrentMember, 'id' | 'email' | 'locale' | 'displayName'>,
  change: FactorChange,
  origin: RequestOrigin,
  now: Date,
) {
  await recordSecurityEvent(tx, member.id, eventOf[change], origin, now);
  await mailMember(tx, deps, member, `factor_${change}`, factorChangedMail, {
    change,
    when: now,
    securityUrl: mailLinks(deps.config.baseUrl).security,
  });
}
