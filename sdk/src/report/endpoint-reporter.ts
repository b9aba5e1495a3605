import type { ClickIssue } from '@playback/detector/engine';
import {
  ENDPOINT_BATCH_DELAY_MS,
  ENDPOINT_BATCH_MAX_ISSUES,
  ENDPOINT_MAX_ATTEMPTS,
  ENDPOINT_QUEUE_MAX_ISSUES,
  ENDPOINT_RETRY_BASE_MS,
  ENDPOINT_RETRY_MAX_MS,
  KEEPALIVE_MAX_BYTES,
  SDK_NAME,
  SDK_VERSION,
} from '../shared/constants.js';

/** The JSON body POSTed to the issues endpoint. */
export interface IssuesBatch {
  issues: ClickIssue[];
  sdk: { name: string; version: string };
  /** Epoch ms when the batch left the browser. */
  sentAt: number;
}

export interface EndpointCounters {
  sent: number;
  queueFull: number;
  retriesExhausted: number;
  rejected: number;
  retries: number;
  failures: number;
}

type FetchLike = (
  url: string,
  init: RequestInit,
) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null } }>;

export interface EndpointReporterOptions {
  /** Where batches go, e.g. from issuesEndpointFromDsn. */
  url: string;
  /** Issues per POST. Default 20. */
  batchSize?: number;
  /** Longest wait for a batch to fill, ms. Default 2000. */
  batchDelayMs?: number;
  /** Issues held at once; the oldest are dropped past it. Default 100. */
  maxQueueSize?: number;
  /** Attempts per batch before it is dropped. Default 5. */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  // Injected for tests; browser globals by default.
  fetch?: FetchLike;
  sendBeacon?: ((url: string, data: string) => boolean) | null;
  now?: () => number;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** Delay asked for by a Retry-After header (seconds or an HTTP date), in ms; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Batches issues to the issues endpoint: by count and by time, one request
 * in flight, retries with backoff on 429 and 5xx (honouring Retry-After),
 * a bounded queue that drops the oldest, and sendBeacon/keepalive when the
 * page goes away. Never throws; every loss is counted.
 */
export class EndpointReporter {
  readonly counters: EndpointCounters = {
    sent: 0,
    queueFull: 0,
    retriesExhausted: 0,
    rejected: 0,
    retries: 0,
    failures: 0,
  };
  private readonly queue: ClickIssue[] = [];
  private inFlight = false;
  private attempts = 0;
  private backoffUntil = 0;
  private timer: unknown = null;
  private stopped = false;
  private readonly o: Required<Omit<EndpointReporterOptions, 'sendBeacon'>> & {
    sendBeacon: ((url: string, data: string) => boolean) | null;
  };

  constructor(options: EndpointReporterOptions) {
    const g = globalThis as typeof globalThis & { navigator?: Navigator };
    const beacon =
      options.sendBeacon !== undefined
        ? options.sendBeacon
        : g.navigator && typeof g.navigator.sendBeacon === 'function'
          ? (url: string, data: string) => g.navigator.sendBeacon(url, data)
          : null;
    this.o = {
      url: options.url,
      batchSize: options.batchSize ?? ENDPOINT_BATCH_MAX_ISSUES,
      batchDelayMs: options.batchDelayMs ?? ENDPOINT_BATCH_DELAY_MS,
      maxQueueSize: options.maxQueueSize ?? ENDPOINT_QUEUE_MAX_ISSUES,
      maxAttempts: options.maxAttempts ?? ENDPOINT_MAX_ATTEMPTS,
      retryBaseMs: options.retryBaseMs ?? ENDPOINT_RETRY_BASE_MS,
      retryMaxMs: options.retryMaxMs ?? ENDPOINT_RETRY_MAX_MS,
      fetch: options.fetch ?? ((url, init) => g.fetch(url, init)),
      sendBeacon: beacon,
      now: options.now ?? (() => Date.now()),
      random: options.random ?? Math.random,
      setTimeout: options.setTimeout ?? ((fn, ms) => g.setTimeout(fn, ms)),
      clearTimeout:
        options.clearTimeout ?? ((handle) => g.clearTimeout(handle as ReturnType<typeof setTimeout>)),
    };
  }

  /** Issues waiting to be sent. */
  get pending(): number {
    return this.queue.length;
  }

  enqueue(issue: ClickIssue): void {
    if (this.stopped) return;
    this.queue.push(issue);
    this.trim();
    if (this.queue.length >= this.o.batchSize) this.sendSoon(0);
    else this.sendSoon(this.o.batchDelayMs);
  }

  /** Sends what is queued now, without waiting for the batch to fill (page hidden). */
  flush(): void {
    if (this.queue.length > 0) this.sendSoon(0);
  }

  /**
   * The page is going away: hand everything to sendBeacon (or keepalive
   * fetch), which outlive the page. Backoff is skipped: there is no later.
   */
  flushOnExit(): void {
    this.clearTimer();
    while (this.queue.length > 0) {
      const batch = this.takeBatch(KEEPALIVE_MAX_BYTES);
      const body = this.body(batch);
      let queued = false;
      try {
        queued = this.o.sendBeacon ? this.o.sendBeacon(this.o.url, body) : false;
      } catch {
        this.counters.failures++;
      }
      if (!queued) {
        try {
          void this.o.fetch(this.o.url, this.init(body, true)).catch(() => {});
          queued = true;
        } catch {
          this.counters.failures++;
        }
      }
      if (queued) this.counters.sent += batch.length;
      else this.counters.retriesExhausted += batch.length;
    }
  }

  stop(): void {
    this.flushOnExit();
    this.stopped = true;
  }

  private trim(): void {
    while (this.queue.length > this.o.maxQueueSize) {
      this.queue.shift();
      this.counters.queueFull++;
    }
  }

  private sendSoon(delayMs: number): void {
    if (this.inFlight || this.stopped) return;
    const wait = Math.max(delayMs, this.backoffUntil - this.o.now());
    if (this.timer !== null) {
      if (wait > 0) return;
      this.clearTimer();
    }
    if (wait <= 0) {
      this.sendNext();
      return;
    }
    this.timer = this.o.setTimeout(() => {
      this.timer = null;
      this.sendNext();
    }, wait);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The oldest issues, up to batchSize and (when given) a body under maxBytes. */
  private takeBatch(maxBytes?: number): ClickIssue[] {
    const batch = this.queue.splice(0, this.o.batchSize);
    if (maxBytes !== undefined) {
      while (batch.length > 1 && this.body(batch).length > maxBytes) this.queue.unshift(batch.pop()!);
    }
    return batch;
  }

  private body(issues: ClickIssue[]): string {
    const batch: IssuesBatch = {
      issues,
      sdk: { name: SDK_NAME, version: SDK_VERSION },
      sentAt: this.o.now(),
    };
    return JSON.stringify(batch);
  }

  private init(body: string, keepalive: boolean): RequestInit {
    // text/plain keeps it a "simple" request: no CORS preflight.
    return {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      keepalive,
      credentials: 'omit',
      mode: 'cors',
    };
  }

  private sendNext(): void {
    if (this.inFlight || this.stopped || this.queue.length === 0) return;
    const batch = this.takeBatch();
    const body = this.body(batch);
    this.inFlight = true;
    let request: ReturnType<FetchLike>;
    try {
      request = this.o.fetch(this.o.url, this.init(body, body.length < KEEPALIVE_MAX_BYTES));
    } catch {
      this.counters.failures++;
      this.retry(batch, null);
      return;
    }
    request.then(
      (response) => {
        if (response.ok) {
          this.counters.sent += batch.length;
          this.done();
        } else if (response.status === 429 || response.status >= 500) {
          this.retry(batch, retryAfterMs(response.headers.get('retry-after'), this.o.now()));
        } else {
          this.counters.rejected += batch.length;
          this.done();
        }
      },
      () => this.retry(batch, null),
    );
  }

  private done(): void {
    this.inFlight = false;
    this.attempts = 0;
    this.backoffUntil = 0;
    if (this.queue.length >= this.o.batchSize) this.sendSoon(0);
    else if (this.queue.length > 0) this.sendSoon(this.o.batchDelayMs);
  }

  private retry(batch: ClickIssue[], serverDelayMs: number | null): void {
    this.inFlight = false;
    this.attempts++;
    if (this.attempts >= this.o.maxAttempts) {
      this.counters.retriesExhausted += batch.length;
      this.attempts = 0;
      this.backoffUntil = 0;
      if (this.queue.length > 0) this.sendSoon(this.o.batchDelayMs);
      return;
    }
    this.counters.retries++;
    this.queue.unshift(...batch);
    this.trim();
    const exponential = this.o.retryBaseMs * 2 ** (this.attempts - 1);
    const jittered = exponential * (0.5 + this.o.random() * 0.5);
    const delay = Math.min(this.o.retryMaxMs, serverDelayMs ?? jittered);
    this.backoffUntil = this.o.now() + delay;
    this.sendSoon(0);
  }
}
