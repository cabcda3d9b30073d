import type { Tx } from '../db/client';
import type { Locale } from '../i18n';
import { queueMail } from './outbox';
import type { EmailContent } from './render';

/** Who a member mail goes to: their current address and language, greeted by their display name. */
export type MailRecipient = { id: string; email: string; locale: Locale; displayName: string };

/**
 * One mail to one member in their own language, queued in the caller's transaction: the common case of
 * queueMail. `compose` is the template's function; the greeting name is filled in from the member.
 */
export function mailMember<P extends { name: string }>(
  tx: Tx,
  deps: Parameters<typeof queueMail>[1],
  member: MailRecipient,
  template: string,
  compose: (locale: Locale, params: P) => EmailContent,
  params: Omit<P, 'name'>,
): Promise<string | null> {
  const content = compose(member.locale, { ...params, name: member.displayName } as P);
  return queueMail(tx, deps, { to: member.email, memberId: member.id, template, locale: member.locale, content });
}
