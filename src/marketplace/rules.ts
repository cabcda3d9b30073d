import { and, eq, type SQL } from 'drizzle-orm';
import type { Message } from '../dictionary';
import { members } from '../accounts/schema';
import type { CurrentMember } from '../platform/web/env';
import { services } from './schema';
import { notHidden } from '../reports/rules';
import { inactiveBlocker } from '../accounts/activity';
import { consentBlocker } from '../legal/consentRule';

/** Why this member may not buy or sell right now, or null. Unverified accounts browse only. */
export function tradingBlocker(
  member: Pick<CurrentMember, 'emailVerified' | 'status' | 'termsPending'>,
): Message | null {
  if (!member.emailVerified) return (t) => t.marketplace.errors.verifyFirst;
  return inactiveBlocker(member) ?? consentBlocker(member);
}

/** The one rule for "others can see and buy this service": published, by a seller who is active, not hidden by an operator. */
export function publicServiceCondition(): SQL {
  return and(eq(services.status, 'published'), eq(members.status, 'active'), notHidden('service', services.id))!;
}
