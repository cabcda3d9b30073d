import { DAY } from '../../platform/clock';
import type { OrderStatus } from '../schema';
import { cancelRequestStatuses } from './stateMachine';

/** The step bar of an order room: 購入 → 作業中 → 納品 → 承認 → 完了. */
export const orderSteps = ['purchased', 'working', 'delivered', 'approval', 'done'] as const;
export type OrderStep = (typeof orderSteps)[number];

export type Party = 'buyer' | 'seller';
/** What the side whose turn it is should do now (「次にすること」). */
export type NextTask = 'deliver' | 'approve' | 'answerCancel' | 'review';

export type OrderProgress = {
  /** How many steps are behind the order (1: bought, work under way … 5: complete). */
  stepsDone: number;
  ended: 'cancelled' | 'disputed' | null;
  /** お届け予定日: recorded at purchase, or the purchase plus the delivery days and any option's extra days. */
  dueAt: Date;
  /** When the approval job completes a delivery nobody approved or sent back; null unless delivered. */
  autoApproveAt: Date | null;
  /** Whose turn it is and to do what; empty when nobody's (cancelled, with the operators, all reviewed). */
  turn: { party: Party; task: NextTask }[];
};

type ProgressFacts = {
  status: OrderStatus;
  statusBeforeDispute: OrderStatus | null;
  buyerId: string;
  sellerId: string;
  cancelRequestedBy: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** お届け予定日 as recorded at purchase (orderTerms); null for orders placed before it was. */
  dueAt: Date | null;
};

const doneByStatus: Record<OrderStatus, number> = {
  in_progress: 1,
  delivered: 3,
  completed: 5,
  cancelled: 1,
  disputed: 1,
};

/** The one rule for an order's progress and whose turn it is, as the order room shows them. */
export function orderProgress(
  order: ProgressFacts,
  facts: { deliveryDays: number | null; autoApproveDays: number; reviewed: Record<Party, boolean> },
): OrderProgress {
  const before = order.status === 'disputed' ? (order.statusBeforeDispute ?? 'in_progress') : order.status;
  const stepsDone = order.status === 'cancelled' && order.deliveredAt ? 3 : doneByStatus[before];
  const ended = order.status === 'cancelled' || order.status === 'disputed' ? order.status : null;
  const autoApproveAt =
    order.status === 'delivered' && order.deliveredAt
      ? new Date(order.deliveredAt.getTime() + facts.autoApproveDays * DAY)
      : null;
  return {
    stepsDone,
    ended,
    dueAt: order.dueAt ?? new Date(order.createdAt.getTime() + (facts.deliveryDays ?? 0) * DAY),
    autoApproveAt,
    turn: turnOf(order, facts.reviewed),
  };
}

function turnOf(order: ProgressFacts, reviewed: Record<Party, boolean>): OrderProgress['turn'] {
  if (order.cancelRequestedBy && cancelRequestStatuses.includes(order.status))
    return [{ party: order.cancelRequestedBy === order.buyerId ? 'seller' : 'buyer', task: 'answerCancel' }];
  if (order.status === 'in_progress') return [{ party: 'seller', task: 'deliver' }];
  if (order.status === 'delivered') return [{ party: 'buyer', task: 'approve' }];
  if (order.status === 'completed')
    return (['buyer', 'seller'] as const).filter((p) => !reviewed[p]).map((party) => ({ party, task: 'review' }));
  return [];
}
