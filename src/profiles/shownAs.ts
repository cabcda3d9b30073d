import type { MemberStatus } from '../accounts/schema';

/**
 * How a member appears to others in rooms, reviews and lists. A member who has left is shown
 * without name or link (退会したユーザー); what they wrote stays readable to those they traded with.
 */
export function shownAs(member: { status: MemberStatus; displayName: string; username: string }): {
  name: string | null;
  username: string | null;
} {
  if (member.status === 'withdrawn') return { name: null, username: null };
  return { name: member.displayName, username: member.username };
}
