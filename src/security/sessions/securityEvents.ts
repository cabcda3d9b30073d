import type { Tx } from '../../platform/db/client';
import type { RequestOrigin } from '../../platform/context';
import { securityEvents } from '../../accounts/schema';

export const securityEventKinds = [
  'signup',
  'login',
  'login_failed',
  'logout',
  'email_verified',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'email_change_requested',
  'email_changed',
  'session_ended',
  'reauthenticated',
  'reauth_failed',
  'factor_added',
  'factor_removed',
  'recovery_codes_regenerated',
  'second_factor_failed',
  'recovery_code_used',
  'passkey_added',
  'passkey_removed',
  'passkey_login',
  'phone_verified',
  'phone_removed',
  'payout_account_changed',
  'privacy_changed',
  'withdrawn',
  'paused',
  'resumed',
  'suspended',
  'suspension_lifted',
  'export_requested',
  'sns_linked',
  'sns_unlinked',
  'sns_login',
  'password_set',
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

/** Every sign-in, failure and credential change, in UTC with where it came from (ASVS 16.3.1). */
export async function recordSecurityEvent(
  tx: Tx,
  memberId: string | null,
  kind: SecurityEventKind,
  origin: RequestOrigin,
  now: Date,
) {
  await securityEventStatement(tx, memberId, kind, origin, now);
}

/** The insert recordSecurityEvent runs, unsent, for a caller that sends several writes as one (withdrawMember). */
export function securityEventStatement(
  tx: Tx,
  memberId: string | null,
  kind: SecurityEventKind,
  origin: RequestOrigin,
  now: Date,
) {
  return tx
    .insert(securityEvents)
    .values({ memberId, kind, at: now, ip: origin.ip, userAgent: origin.userAgent?.slice(0, 400) ?? null });
}
