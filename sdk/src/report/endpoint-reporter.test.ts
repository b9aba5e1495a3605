import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EndpointReporter, type IssuesBatch, retryAfterMs } from './endpoint-reporter.js';
import { makeIssue } from './issue.fixture.js';

const URL_ = 'http://127.0.0.1:9/api/1/issues/?sentry_key=k';

function response(status: number, headers: Record<string, string> = {}) {
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
  };
}

function setup(statuses: Array<number | [number, Record<string, string>]> = [], options = {}) {
  const requests: Array<{ url: string; init: RequestInit; batch: IssuesBatch }> = [];
  const beacons: IssuesBatch[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    requests.push({ url, init, batch: JSON.parse(String(init.body)) });
    const next = statuses.shift() ?? 200;
    return Array.isArray(next) ? response(next[0], next[1]) : response(next);
  });
  const reporter = new EndpointReporter({
    url: URL_,
    batchSize: 3,
    batchDelayMs: 1000,
    maxQueueSize: 5,
    maxAttempts: 3,
    retryBaseMs: 1000,
    random: () => 1,
    fetch,
    sendBeacon: (_url, data) => {
      beacons.push(JSON.parse(data));
      return true;
    },
    ...options,
  });
  return { reporter, requests, beacons, fetch };
}

describe('endpoint path', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a full batch at once, as the JSON body the consumer validates', async () => {
    const { reporter, requests } = setup();
    for (let i = 0; i < 3; i++) reporter.enqueue(makeIssue({ via: 'endpoint' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    const { url, init, batch } = requests[0]!;
    expect(url).toBe(URL_);
    expect(init.method).toBe('POST');
    expect(init.keepalive).toBe(true);
    expect((init.headers as Record<string, string>)['content-type']).toMatch(/^text\/plain/);
    expect(batch.issues).toHaveLength(3);
    expect(batch.sdk).toEqual({ name: 'playback.javascript.browser', version: expect.any(String) });
    expect(typeof batch.sentAt).toBe('number');
    expect(reporter.counters.sent).toBe(3);
  });

  it('sends a partial batch after the batch delay', async () => {
    const { reporter, requests } = setup();
    reporter.enqueue(makeIssue());
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(1);
  });

  it('retries a 429 after the Retry-After the server asked for', async () => {
    const { reporter, requests } = setup([[429, { 'retry-after': '10' }], 200]);
    reporter.enqueue(makeIssue());
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.batch.issues[0]!.id).toBe(requests[0]!.batch.issues[0]!.id);
    expect(reporter.counters).toMatchObject({ sent: 1, retries: 1 });
  });

  it('backs off exponentially on 5xx and network errors, then gives up and counts the loss', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const { reporter } = setup([], { fetch });
    reporter.enqueue(makeIssue());
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(reporter.counters).toMatchObject({ sent: 0, retries: 2, retriesExhausted: 1 });
  });

  it('drops a batch the server rejects (4xx other than 429) without retrying', async () => {
    const { reporter, requests } = setup([400]);
    reporter.enqueue(makeIssue());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
    expect(reporter.counters.rejected).toBe(1);
  });

  it('keeps a bounded queue, dropping the oldest and counting them', async () => {
    const { reporter, requests } = setup([[503, { 'retry-after': '60' }]]);
    const issues = Array.from({ length: 9 }, () => makeIssue());
    for (const issue of issues) reporter.enqueue(issue);
    // 3 went out (and failed), 6 queued behind them; the queue holds 5.
    await vi.advanceTimersByTimeAsync(0);
    expect(reporter.pending).toBeLessThanOrEqual(5);
    expect(reporter.counters.queueFull).toBe(4);
    await vi.advanceTimersByTimeAsync(62_000);
    const sentIds = requests.slice(1).flatMap((r) => r.batch.issues.map((i) => i.id));
    expect(sentIds).toEqual(issues.slice(4).map((i) => i.id));
  });

  it('hands everything to sendBeacon when the page goes away, even during backoff', async () => {
    const { reporter, beacons } = setup([[503, { 'retry-after': '60' }]]);
    for (let i = 0; i < 4; i++) reporter.enqueue(makeIssue());
    await vi.advanceTimersByTimeAsync(0);
    reporter.flushOnExit();
    expect(beacons.flatMap((b) => b.issues)).toHaveLength(4);
    expect(reporter.pending).toBe(0);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });
});
