// The load process: autocannon against one target, bodies from a pool of distinct payloads so
// occurrences are new (a repeated id would only measure the dedupe path). Prints one JSON line.
import { randomUUID } from 'node:crypto';
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

function body(kind: LoadKind, i: number): Buffer | string {
  const issue = clickIssue({ sessionId: `bench-${i % 500}`, timestamp: 1_760_000_000_000 + i });
  switch (kind) {
    case 'baseline':
    case 'exception':
      return exceptionEnvelope(issue);
    case 'endpoint':
      return issuesBatch([issue]);
    case 'replay': {
      const t = issue.timestamp;
      const events = [
        { type: 4, timestamp: t, data: { href: 'http://shop.test/checkout', width: 1280, height: 720 } },
        ...Array.from({ length: 20 }, (_, k) => ({
          type: 3,
          timestamp: t + k * 50,
          data: { source: 2, type: 2, id: 40 + k, x: 100 + k, y: 200 },
        })),
        breadcrumbEvent('ui.click', { nodeId: 42 }, t + 100),
        breadcrumbEvent('ui.clickIssue', issue, t + 7_100),
      ];
      return replayEnvelope(randomUUID().replace(/-/g, ''), events, { segmentId: i % 10 });
    }
    case 'playback':
      return JSON.stringify(
        playbackFile({ id: `bench-${i}`, startedAt: issue.timestamp, clickIssues: [issue] }),
      );
  }
}

export async function runLoad(url: string, kind: LoadKind, durationSeconds: number, connections: number) {
  const pool = Array.from({ length: POOL_SIZE }, (_, i) => body(kind, i));
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        setupRequest: (request) => ({ ...request, body: pool[next++ % POOL_SIZE]! }),
      },
    ],
  });
  return {
    kind,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, average: result.latency.average },
  };
}

// As a child process: `load.ts <url> <kind> <seconds> <connections>`.
if (process.argv[1]?.endsWith('load.ts')) {
  const [url, kind, seconds, connections] = process.argv.slice(2);
  const out = await runLoad(url!, kind as LoadKind, Number(seconds), Number(connections));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
