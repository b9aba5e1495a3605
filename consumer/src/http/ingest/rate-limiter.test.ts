import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('lets a burst through, then refuses with a retry time, and refills with time, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now = 500;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('slow', 0.1, 1).allowed).toBe(true);
    expect(limiter.take('slow', 0.1, 1)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('counts a take by its cost: issues in a batch, bytes of a body', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 100, burst: 100 }, () => now);
    expect(limiter.take('issues', 100, 100, 60).allowed).toBe(true);
    expect(limiter.take('issues', 100, 100, 60)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('issues', 100, 100, 40).allowed).toBe(true);
    // Larger than the burst: passes from a full bucket, then waits out the debt.
    now = 10_000;
    expect(limiter.take('bytes', 100, 100, 500).allowed).toBe(true);
    expect(limiter.take('bytes', 100, 100, 1)).toEqual({ allowed: false, retryAfterSeconds: 5 });
  });
});
