// One bound on the bytes all requests hold at once while they are read, inflated and parsed: each request
// is capped on its own, and this caps them together, so a crowd of zip bombs meets 503, not the OOM killer.
import { HttpError } from '../errors.js';

/** Seconds a client is told to wait when the budget is spent: requests in flight finish within that. */
export const BUDGET_RETRY_AFTER_SECONDS = 1;

export class BudgetExhaustedError extends HttpError {
  constructor(limitBytes: number) {
    super(503, `server busy: requests in flight hold its ${limitBytes}-byte ingest budget; retry shortly`, {
      'retry-after': String(BUDGET_RETRY_AFTER_SECONDS),
    });
  }
}

/**
 * Large bodies are inflated into blocks of their own (inflated-output.ts) that only a major GC frees. Once
 * this many bytes of large bodies have been let go, the owner is asked to reclaim memory, so garbage from a
 * flood never piles up past about this much...
 */
const RECLAIM_AFTER_RELEASED_BYTES = 64 * 1024 * 1024;
/** ...and once the budget drains, after any large body, so the RSS falls back when the flood ends. */
const DRAINED_BYTES = 1024 * 1024;
/** A lease holding at least this much had a large body (the size past which it gets its own block). */
const LARGE_LEASE_BYTES = 1024 * 1024;

export class ByteBudget {
  private used = 0;
  private largeReleasedBytes = 0;

  /** `reclaimMemory`: called when large bodies let go of enough memory to be worth a collection. */
  constructor(
    readonly limitBytes: number,
    private readonly reclaimMemory?: () => void,
  ) {}

  get inUseBytes(): number {
    return this.used;
  }

  /** A lease for one request: what it takes is given back at once by `release()`. */
  lease(): BudgetLease {
    return new BudgetLease(this);
  }

  /** @internal */ tryTake(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  /** @internal */ giveBack(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
    if (bytes >= LARGE_LEASE_BYTES) this.largeReleasedBytes += bytes;
    const drained = this.used < DRAINED_BYTES && this.largeReleasedBytes > 0;
    if (drained || this.largeReleasedBytes >= RECLAIM_AFTER_RELEASED_BYTES) {
      this.largeReleasedBytes = 0;
      this.reclaimMemory?.();
    }
  }
}

export class BudgetLease {
  private held = 0;

  constructor(private readonly budget: ByteBudget) {}

  /** Takes `bytes` more, or throws BudgetExhaustedError (503 with Retry-After). */
  take(bytes: number): void {
    if (!this.budget.tryTake(bytes)) throw new BudgetExhaustedError(this.budget.limitBytes);
    this.held += bytes;
  }

  release(): void {
    this.budget.giveBack(this.held);
    this.held = 0;
  }
}
