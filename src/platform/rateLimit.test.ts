import { expect, it } from 'vitest';
import { describeOnDatabases } from '../../tests/support/suites';
import { consumeRateLimit, consumeRateLimits } from './rateLimit';

describeOnDatabases('rate limits', (ctx) => {
  it('counts per window in the database, resets after the window, and checks several buckets in one go', async () => {
    const rule = { bucket: 'test:a', limit: 3, windowMs: 60_000 };
    const now = new Date('2026-05-01T00:00:00Z');
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await consumeRateLimit(ctx().deps.db, rule, 'k1', now));
    expect(results).toEqual([true, true, true, false, false]);
    expect(await consumeRateLimit(ctx().deps.db, rule, 'k2', now)).toBe(true);
    expect(await consumeRateLimit(ctx().deps.db, rule, 'k1', new Date(now.getTime() + 60_001))).toBe(true);
    const other = { bucket: 'test:b', limit: 1, windowMs: 60_000 };
    expect(
      await consumeRateLimits(
        ctx().deps.db,
        [
          { rule, key: 'k3' },
          { rule: other, key: 'k3' },
        ],
        now,
      ),
    ).toBe(true);
    expect(
      await consumeRateLimits(
        ctx().deps.db,
        [
          { rule, key: 'k3' },
          { rule: other, key: 'k3' },
        ],
        now,
      ),
    ).toBe(false);
  });
});
