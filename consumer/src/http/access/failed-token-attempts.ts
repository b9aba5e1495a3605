// Wrong or missing API tokens, counted per address: past a small burst an address is refused with 429
// for a while, whatever it sends, so a flood of guesses learns nothing (not even from a right one).
import { RateLimiter } from '../ingest/rate-limiter.js';

/** Failed attempts one address may make at once, and how many a second after that. */
export const FAILED_TOKEN_BURST = 10;
export const FAILED_TOKEN_PER_SECOND = 1;

export class FailedTokenAttempts {
  private readonly limiter: RateLimiter;
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {
    this.limiter = new RateLimiter(
      { ratePerSecond: FAILED_TOKEN_PER_SECOND, burst: FAILED_TOKEN_BURST },
      now,
    );
  }

  /** Seconds the address must wait before its token is looked at again; 0 when it may try. */
  retryAfterSeconds(address: string): number {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.blockedUntil.delete(address);
    return 0;
  }

  /** Counts one failure; returns the seconds to wait when it was one too many, else 0. */
  fail(address: string): number {
    const decision = this.limiter.take(address);
    if (decision.allowed) return 0;
    this.blockedUntil.set(address, this.now() + decision.retryAfterSeconds * 1000);
    return decision.retryAfterSeconds;
  }
}
