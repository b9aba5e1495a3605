// `npm run bench -w consumer`: envelopes per second and p50/p99 latency per path, on the embedded
// defaults (PGlite on disk, in-process queue), beside a same-run baseline: a bare fastify route
// that only reads the body. Load comes from a second process (autocannon). Figures go to
// bench/results/consumer.json at the repository root.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { writeBenchResult } from '../../bench/support/timing.mjs';
import { startBenchConsumer } from './bench-consumer.js';
import type { LoadKind } from './load.js';
import { loadInChild } from './load-process.js';
import { runContext } from './run-context.js';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 2;

const load = (url: string, kind: LoadKind, seconds = DURATION_SECONDS) =>
  loadInChild(url, kind, seconds, CONNECTIONS);

async function main() {
  // The baseline: same machine, same run, a route that reads the body and answers.
  const bare = Fastify();
  bare.removeAllContentTypeParsers();
  bare.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_r, b, done) =>
    done(null, b),
  );
  bare.post('/api/:projectId/envelope/', async (request) => ({ bytes: (request.body as Buffer).length }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/api/1/envelope/`;

  const dataDir = mkdtempSync(join(tmpdir(), 'playback-bench-'));
  const consumer = await startBenchConsumer(dataDir);
  const { project, publicKey } = await consumer.createProject('bench');
  const q = `?sentry_key=${publicKey}&sentry_version=7`;
  const targets: Array<[LoadKind, string]> = [
    ['baseline', bareUrl],
    ['exception', `${consumer.url}/api/${project.id}/envelope/${q}`],
    ['replay', `${consumer.url}/api/${project.id}/envelope/${q}`],
    ['endpoint', `${consumer.url}/api/${project.id}/issues/${q}`],
    ['playback', `${consumer.url}/api/${project.id}/playback/${q}`],
  ];

  // Warm up (JIT, the database's first pages), unrecorded, so the first path measured is not penalized.
  await load(targets[1]![1], 'exception', WARMUP_SECONDS);
  await consumer.drain();

  const paths: Record<string, unknown> = {};
  for (const [kind, url] of targets) {
    const result = await load(url, kind);
    // Processing keeps going after the load stops: add the time until the queue is empty.
    const loadEnded = Date.now();
    await consumer.drain();
    const processedInSeconds = DURATION_SECONDS + (Date.now() - loadEnded) / 1000;
    const processedPerSecond = Math.round(result.ok / processedInSeconds);
    // The measure: processed per second as a share of the bare route's rate in this run.
    const baseline = paths.baseline as { requestsPerSecond: number } | undefined;
    paths[kind] = {
      ...result,
      ...(kind === 'baseline'
        ? {}
        : {
            processedPerSecond,
            ratioToBaseline: baseline
              ? Math.round((processedPerSecond / baseline.requestsPerSecond) * 1000) / 1000
              : null,
          }),
    };
    console.log(
      `${kind.padEnd(10)} ${Math.round(result.requestsPerSecond).toString().padStart(6)} req/s  ` +
        `p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  non-2xx ${result.non2xx}`,
    );
  }
  const stored = await consumer.store.countOccurrences(project.id);
  await consumer.close();
  await bare.close();
  rmSync(dataDir, { recursive: true, force: true });

  const report = {
    ...runContext(),
    setup: {
      store: 'PGlite on disk',
      queue: 'embedded',
      durationSeconds: DURATION_SECONDS,
      connections: CONNECTIONS,
      load: 'autocannon in a second process',
    },
    paths,
    occurrencesStored: stored,
  };
  console.log(`wrote ${writeBenchResult('consumer', report)}`);
}

await main();
