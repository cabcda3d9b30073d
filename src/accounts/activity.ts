import type { Message } from '../dictionary';

/**
 * The one rule for reaching out while not active: a paused (休止), suspended or departing member starts
 * nothing with others (no trade, no new conversation, no message in a direct room, no follow). Others cannot
 * answer them either, so anything they started would be one-sided.
 */
export function inactiveBlocker(member: { status: string }): Message | null {
  return member.status === 'active' ? null : (t) => t.accounts.errors.notActive;
}
