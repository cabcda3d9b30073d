import type { Message } from '../dictionary';

/**
 * The one rule for a member who has not agreed to the 利用規約 in force: they may read, download their data and
 * leave, but start or carry on no trade (purchase, listing, offer, message) until they agree on /terms/agree.
 */
export function consentBlocker(member: { termsPending: boolean }): Message | null {
  return member.termsPending ? (t) => t.terms.errors.agreeFirst : null;
}
