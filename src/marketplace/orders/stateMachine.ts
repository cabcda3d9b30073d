import type { Message } from '../../dictionary';
import type { OrderStatus } from '../schema';

/** Who is acting on an order. */
export type OrderActor = { kind: 'member'; id: string } | { kind: 'operator'; id: string } | { kind: 'system' };

type Party = 'buyer' | 'seller' | 'either' | 'cancel-requester' | 'cancel-counterpart' | 'operator' | 'system';

type Transition = { from: readonly OrderStatus[]; by: Party; to: OrderStatus | 'unchanged' | 'before-dispute' };

// 取引の状態遷移: every change to an order is one of these, checked by checkTransition before it is written.
export const orderTransitions = {
  deliver: { from: ['in_progress'], by: 'seller', to: 'delivered' },
  approve: { from: ['delivered'], by: 'buyer', to: 'completed' },
  // 差し戻し: the buyer returns a delivery to work, with a reason; the next delivery starts a new approval window.
  sendBack: { from: ['delivered'], by: 'buyer', to: 'in_progress' },
  autoApprove: { from: ['delivered'], by: 'system', to: 'completed' },
  requestCancel: { from: ['in_progress', 'delivered'], by: 'either', to: 'unchanged' },
  withdrawCancel: { from: ['in_progress', 'delivered'], by: 'cancel-requester', to: 'unchanged' },
  agreeCancel: { from: ['in_progress', 'delivered'], by: 'cancel-counterpart', to: 'cancelled' },
  reportProblem: { from: ['in_progress', 'delivered'], by: 'either', to: 'disputed' },
  resolveComplete: { from: ['disputed'], by: 'operator', to: 'completed' },
  resolveCancel: { from: ['disputed'], by: 'operator', to: 'cancelled' },
  resolveResume: { from: ['disputed'], by: 'operator', to: 'before-dispute' },
} as const satisfies Record<string, Transition>;

export type OrderAction = keyof typeof orderTransitions;

type OrderFacts = {
  status: OrderStatus;
  buyerId: string;
  sellerId: string;
  cancelRequestedBy: string | null;
  statusBeforeDispute: OrderStatus | null;
};

function actsAs(order: OrderFacts, actor: OrderActor, party: Party): boolean {
  const memberId = actor.kind === 'member' ? actor.id : null;
  switch (party) {
    case 'buyer':
      return memberId === order.buyerId;
    case 'seller':
      return memberId === order.sellerId;
    case 'either':
      return memberId === order.buyerId || memberId === order.sellerId;
    case 'cancel-requester':
      return memberId !== null && memberId === order.cancelRequestedBy;
    case 'cancel-counterpart':
      return (
        order.cancelRequestedBy !== null &&
        memberId !== order.cancelRequestedBy &&
        (memberId === order.buyerId || memberId === order.sellerId)
      );
    case 'operator':
      return actor.kind === 'operator';
    case 'system':
      return actor.kind === 'system';
  }
}

/** The one decision for every order change: null when allowed, otherwise why not (shown to the member). */
export function checkTransition(order: OrderFacts, action: OrderAction, actor: OrderActor): Message | null {
  const transition: Transition = orderTransitions[action];
  if (!actsAs(order, actor, transition.by)) return (t) => t.marketplace.errors.notYourTurn;
  if (!transition.from.includes(order.status)) return (t) => t.marketplace.errors.wrongOrderState;
  if (action === 'requestCancel' && order.cancelRequestedBy !== null)
    return (t) => t.marketplace.errors.cancelAlreadyRequested;
  return null;
}

/** The status an allowed action leads to. */
export function nextStatus(order: OrderFacts, action: OrderAction): OrderStatus {
  const to = orderTransitions[action].to;
  if (to === 'unchanged') return order.status;
  if (to === 'before-dispute') return order.statusBeforeDispute ?? 'in_progress';
  return to;
}

/** A cancellation may be requested, and stays requested, only in these states. */
export const cancelRequestStatuses: readonly OrderStatus[] = orderTransitions.requestCancel.from;

/** Orders in these states keep money or work open: they block 退会 and 休止. */
export const openOrderStatuses: readonly OrderStatus[] = ['in_progress', 'delivered', 'disputed'];
