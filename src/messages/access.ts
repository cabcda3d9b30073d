import type { MemberStatus } from '../accounts/schema';

type RoomFacts = { memberA: string; memberB: string };
/** verifiedOperator: an operator whose session passed two-step verification (trust/operatorVerification). */
type Viewer = { id: string; verifiedOperator: boolean };

/**
 * The one rule for reading a room: its two members, or a verified operator (whose every read is logged
 * by the caller). Anyone else gets nothing, not even a hint that the room exists.
 */
export function roomAccess(room: RoomFacts, viewer: Viewer | null): 'participant' | 'operator' | null {
  if (!viewer) return null;
  if (viewer.id === room.memberA || viewer.id === room.memberB) return 'participant';
  if (viewer.verifiedOperator) return 'operator';
  return null;
}

export function counterpartOf(room: RoomFacts, memberId: string): string {
  return room.memberA === memberId ? room.memberB : room.memberA;
}

/** Whether a participant may still write: not to someone who has left or been suspended. */
export function postingBlocker(counterpartStatus: MemberStatus): 'counterpartGone' | null {
  return counterpartStatus === 'withdrawn' || counterpartStatus === 'suspended' ? 'counterpartGone' : null;
}
