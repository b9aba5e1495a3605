// A token bucket per key: `ratePerSecond` sustained, `burst` at once. A take may cost more than one token
// (issues in a batch, bytes of a body), so one limiter counts requests, issues and bytes alike.

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds to wait before the next request can pass (≥ 1 when refused). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets untouched this long are forgotten. */
const IDLE_BUCKET_MS = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly defaults: { ratePerSecond: number; burst: number },
    private readonly now: () => number = Date.now,
  ) {}

  take(
    key: string,
    ratePerSecond = this.defaults.ratePerSecond,
    burst = this.defaults.burst,
    cost = 1,
  ): RateDecision {
    const now = this.now();
    this.sweep(now);
    if (ratePerSecond <= 0) return { allowed: false, retryAfterSeconds: 60 };
    const capacity = Math.max(1, burst);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: capacity, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
    bucket.updatedAt = now;
    // A cost above the burst passes from a full bucket and leaves it in debt: large, but not forever refused.
    const needed = Math.min(cost, capacity);
    if (bucket.tokens >= needed) {
      bucket.tokens -= cost;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / ratePerSecond)),
    };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_BUCKET_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets)
      if (now - bucket.updatedAt > IDLE_BUCKET_MS) this.buckets.delete(key);
  }
}
