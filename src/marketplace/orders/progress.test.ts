import { describe, expect, it } from 'vitest';
import { orderProgress } from './progress';

const bought = new Date('2026-03-01T00:00:00Z');
const base = {
  status: 'in_progress' as const,
  statusBeforeDispute: null,
  buyerId: 'buyer',
  sellerId: 'seller',
  cancelRequestedBy: null,
  createdAt: bought,
  deliveredAt: null,
  dueAt: null,
};
const facts = { deliveryDays: 5, autoApproveDays: 3, reviewed: { buyer: false, seller: false } };

describe('orderProgress', () => {
  it('counts the due date from the purchase and the approval date from the delivery', () => {
    const working = orderProgress(base, facts);
    expect(working.stepsDone).toBe(1);
    expect(working.dueAt.toISOString()).toBe('2026-03-06T00:00:00.000Z');
    expect(working.autoApproveAt).toBeNull();
    expect(working.turn).toEqual([{ party: 'seller', task: 'deliver' }]);
    // The due date recorded at purchase wins over the days counted now.
    const recorded = new Date('2026-03-09T00:00:00Z');
    expect(orderProgress({ ...base, dueAt: recorded }, { ...facts, deliveryDays: null }).dueAt).toEqual(recorded);
    const delivered = orderProgress(
      { ...base, status: 'delivered', deliveredAt: new Date('2026-03-04T12:00:00Z') },
      facts,
    );
    expect(delivered.stepsDone).toBe(3);
    expect(delivered.autoApproveAt?.toISOString()).toBe('2026-03-07T12:00:00.000Z');
    expect(delivered.turn).toEqual([{ party: 'buyer', task: 'approve' }]);
  });

  it('gives a cancellation request to the other side, and nobody a turn once cancelled or disputed', () => {
    expect(orderProgress({ ...base, cancelRequestedBy: 'seller' }, facts).turn).toEqual([
      { party: 'buyer', task: 'answerCancel' },
    ]);
    const cancelled = orderProgress({ ...base, status: 'cancelled', cancelRequestedBy: 'seller' }, facts);
    expect(cancelled).toMatchObject({ ended: 'cancelled', turn: [] });
    const disputed = orderProgress(
      { ...base, status: 'disputed', statusBeforeDispute: 'delivered', deliveredAt: bought },
      facts,
    );
    expect(disputed).toMatchObject({ ended: 'disputed', stepsDone: 3, turn: [], autoApproveAt: null });
  });

  it('leaves a review to each side that has not written one', () => {
    const done = { ...base, status: 'completed' as const };
    expect(orderProgress(done, facts).turn.map((t) => t.party)).toEqual(['buyer', 'seller']);
    expect(orderProgress(done, { ...facts, reviewed: { buyer: true, seller: false } }).turn).toEqual([
      { party: 'seller', task: 'review' },
    ]);
    expect(orderProgress(done, { ...facts, reviewed: { buyer: true, seller: true } }).stepsDone).toBe(5);
  });
});
