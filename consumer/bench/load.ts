// The load process: autocannon against one target, bodies from a pool of distinct payloads so
// occurrences are new (a repeated id would only measure the dedupe path). Prints one JSON line.
import { randomUUID } from 'node:crypto';
import type { ClickIssue } from '@playback/detector';
import autocannon from 'autocannon';
import {
  breadcrumbEvent,
  clickIssue,
  exceptionEnvelope,
  issuesBatch,
  replayEnvelope,
} from '../test/fixtures.js';
import { playbackFile } from '../test/playback-file.js';

export type LoadKind = 'baseline' | 'exception' | 'replay' | 'endpoint' | 'playback';

const POOL_SIZE = 4_000;
/** Mouse moves in a 1× replay segment: a full snapshot, these, a click and the SDK's click issue. */
const MOVES_PER_SEGMENT = 20;

/** A replay segment's rrweb events around the SDK's report of `issue`, `scale` times the 1× size. */
function replayEvents(issue: ClickIssue, scale: number): unknown[] {
  const t = issue.timestamp;
  return [
    { type: 4, timestamp: t, data: { href: 'http://shop.test/checkout', width: 1280, height: 720 } },
    ...Array.from({ length: MOVES_PER_SEGMENT * scale }, (_, k) => ({
      type: 3,
      timestamp: t + k * 50,
      data: { source: 2, type: 2, id: 40 + (k % 500), x: 100 + (k % 997), y: 200 },
    })),
    breadcrumbEvent('ui.click', { nodeId: 42 }, t + 100),
    breadcrumbEvent('ui.clickIssue', issue, t + 7_100),
  ];
}

/** One replay segment's size on the wire (its recording zlib-compressed) and with the recording inflated. */
export function replaySegmentBytes(scale: number): { wire: number; inflated: number } {
  const issue = clickIssue();
  const events = replayEvents(issue, scale);
  const id = randomUUID().replace(/-/g, '');
  return {
    wire: replayEnvelope(id, events).length,
    inflated: replayEnvelope(id, events, { compressed: false }).length,
  };
}

/** `scale`: the replay segment's size as a multiple of the 1× segment (more mouse moves). */
export function body(kind: LoadKind, i: number, scale = 1): Buffer | string {
  const issue = clickIssue({ sessionId: `bench-${i % 500}`, timestamp: 1_760_000_000_000 + i });
  switch (kind) {
    case 'baseline':
    case 'exception':
      return exceptionEnvelope(issue);
    case 'endpoint':
      return issuesBatch([issue]);
    case 'replay':
      return replayEnvelope(randomUUID().replace(/-/g, ''), replayEvents(issue, scale), {
        segmentId: i % 10,
      });
    case 'playback':
      return JSON.stringify(
        playbackFile({ id: `bench-${i}`, startedAt: issue.timestamp, clickIssues: [issue] }),
      );
  }
}

export interface LoadOptions {
  /** Replay segment size as a multiple of the 1× segment. */
  scale?: number;
  /** Requests per second over all connections; unset: as fast as answers come. */
  rate?: number;
}

export async function runLoad(
  url: string,
  kind: LoadKind,
  durationSeconds: number,
  connections: number,
  { scale = 1, rate }: LoadOptions = {},
) {
  // Fewer distinct bodies for bigger segments: the pool stays under ~100 MB in this process.
  const poolSize = Math.max(50, Math.min(POOL_SIZE, Math.ceil(40_000 / scale)));
  const pool = Array.from({ length: poolSize }, (_, i) => body(kind, i, scale));
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        setupRequest: (request) => ({ ...request, body: pool[next++ % poolSize]! }),
      },
    ],
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  );
  return {
    kind,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, average: result.latency.average },
  };
}

// As a child process: `load.ts <url> <kind> <seconds> <connections> [scale] [rate]`.
if (process.argv[1]?.endsWith('load.ts')) {
  const [url, kind, seconds, connections, scale, rate] = process.argv.slice(2);
  const out = await runLoad(url!, kind as LoadKind, Number(seconds), Number(connections), {
    scale: scale ? Number(scale) : 1,
    ...(rate ? { rate: Number(rate) } : {}),
  });
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
