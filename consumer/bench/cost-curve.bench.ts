// `npm run bench -w consumer` (after consumer.bench.ts): the cost curve and a burst, on the embedded
// defaults (PGlite on disk, in-process queue), replay path, load from a second process.
// - Cost curve: replay segments of 1×, 10× and 100× the 1× segment, into a store already holding 0,
//   100k and 1M occurrences: segments per second, p99, inflated bytes per second, peak RSS.
// - Burst: twice the sustainable rate (1× segments, measured on the same consumer just before), from
//   many clients at once, at a consumer with a small queue: what it answered, what it stored, its peak
//   queue depth and RSS.
// Figures go to bench/results/consumer-cost.json and the chart to bench/results/consumer-cost.svg.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { writeBenchResult } from '../../bench/support/timing.mjs';
import { startConsumer } from '../src/runtime/consumer.js';
import { startBenchConsumer } from './bench-consumer.js';
import { lineChartsSvg, type Series } from './line-chart.js';
import { replaySegmentBytes } from './load.js';
import { loadInChild, peakRssDuring } from './load-process.js';
import { prefilledStore } from './prefill-store.js';
import { runContext } from './run-context.js';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PREFILLS = (process.env.BENCH_PREFILLS ?? '0,100000,1000000').split(',').map(Number);
const SCALES = (process.env.BENCH_SCALES ?? '1,10,100').split(',').map(Number);
/** The burst's clients and the queue it meets: more clients than the queue holds, as browsers are. */
const BURST_CLIENTS = 200;
const BURST_QUEUE_CAPACITY = 64;

const dataDirs: string[] = [];
const freshDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'playback-cost-'));
  dataDirs.push(dir);
  return join(dir, 'db');
};
const envelopeUrl = (base: string, projectId: number, key: string) =>
  `${base}/api/${projectId}/envelope/?sentry_key=${key}&sentry_version=7`;

interface Cell {
  prefill: number;
  scale: number;
  wireBytes: number;
  inflatedBytes: number;
  segmentsPerSecond: number;
  inflatedMiBPerSecond: number;
  microsecondsPerInflatedKiB: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  peakRssMiB: number;
}

async function costCurve(): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const prefill of PREFILLS) {
    const dataDir = freshDataDir();
    const fillStart = Date.now();
    const { projectId, publicKey } = await prefilledStore(dataDir, prefill);
    console.log(
      `store with ${prefill} occurrences filled in ${((Date.now() - fillStart) / 1000).toFixed(1)} s`,
    );
    const consumer = await startBenchConsumer(dataDir);
    const url = envelopeUrl(consumer.url, projectId, publicKey);
    try {
      // Warm-up (JIT, the first pages of the store), unrecorded.
      await loadInChild(url, 'replay', 2, CONNECTIONS);
      await consumer.drain();
      for (const scale of SCALES) {
        const { wire, inflated } = replaySegmentBytes(scale);
        const { result, peakRssMiB } = await peakRssDuring(async () => {
          const load = await loadInChild(url, 'replay', DURATION_SECONDS, CONNECTIONS, { scale });
          const ended = Date.now();
          await consumer.drain();
          return { load, seconds: DURATION_SECONDS + (Date.now() - ended) / 1000 };
        });
        const segmentsPerSecond = Math.round(result.load.ok / result.seconds);
        const cell: Cell = {
          prefill,
          scale,
          wireBytes: wire,
          inflatedBytes: inflated,
          segmentsPerSecond,
          inflatedMiBPerSecond: Math.round(((segmentsPerSecond * inflated) / 1024 / 1024) * 100) / 100,
          microsecondsPerInflatedKiB:
            segmentsPerSecond > 0 ? Math.round(1e6 / ((segmentsPerSecond * inflated) / 1024)) : 0,
          p50Ms: result.load.latencyMs.p50,
          p99Ms: result.load.latencyMs.p99,
          non2xx: result.load.non2xx,
          peakRssMiB,
        };
        cells.push(cell);
        console.log(
          `prefill ${String(prefill).padStart(7)}  ${String(scale).padStart(3)}×  ${String(segmentsPerSecond).padStart(5)} seg/s  ` +
            `${cell.inflatedMiBPerSecond} MiB/s  p99 ${cell.p99Ms} ms  peak RSS ${peakRssMiB} MiB`,
        );
      }
    } finally {
      await consumer.close();
    }
  }
  return cells;
}

async function burst() {
  const consumer = await startConsumer({
    port: 0,
    dataDir: freshDataDir(),
    logger: pino({ level: 'silent' }),
    rateLimitPerSecond: 1e9,
    rateLimitBurst: 1e9,
    queueCapacity: BURST_QUEUE_CAPACITY,
  });
  try {
    const { project, publicKey } = await consumer.createProject('burst');
    const url = envelopeUrl(consumer.url, project.id, publicKey);
    // The sustainable rate: what this consumer acknowledges with the bench's clients, warmed up.
    await loadInChild(url, 'replay', 2, CONNECTIONS);
    const sustained = await loadInChild(url, 'replay', DURATION_SECONDS, CONNECTIONS);
    await consumer.drain();
    const sustainablePerSecond = Math.round(sustained.ok / DURATION_SECONDS);
    const before = await consumer.store.countOccurrences(project.id);
    let peakDepth = 0;
    const depthTimer = setInterval(() => {
      peakDepth = Math.max(peakDepth, consumer.queue.depth());
    }, 10);
    const rate = 2 * sustainablePerSecond;
    const { result, peakRssMiB } = await peakRssDuring(async () => {
      const load = await loadInChild(url, 'replay', DURATION_SECONDS, BURST_CLIENTS, { rate });
      await consumer.drain();
      return load;
    });
    clearInterval(depthTimer);
    const stored = (await consumer.store.countOccurrences(project.id)) - before;
    const report = {
      offeredPerSecond: rate,
      sustainablePerSecond,
      clients: BURST_CLIENTS,
      queueCapacity: BURST_QUEUE_CAPACITY,
      sent: result.total,
      acknowledged: result.ok,
      refused: result.statusCodes,
      errors: result.errors,
      acknowledgedPerSecond: Math.round(result.ok / DURATION_SECONDS),
      p50Ms: result.latencyMs.p50,
      p99Ms: result.latencyMs.p99,
      peakQueueDepth: peakDepth,
      peakRssMiB,
      // Each segment carries one click issue of its own: every acknowledged one must be stored. More
      // may be stored: the load stops counting answers at its deadline, requests still in flight were
      // processed all the same.
      occurrencesStored: stored,
      acknowledgedButNotStored: Math.max(0, result.ok - stored),
    };
    console.log(
      `burst at ${rate}/s from ${BURST_CLIENTS} clients: ${result.ok} acknowledged, status ${JSON.stringify(result.statusCodes)}, ` +
        `${stored} stored, peak queue ${peakDepth}, peak RSS ${peakRssMiB} MiB`,
    );
    return report;
  } finally {
    await consumer.close();
  }
}

function chart(cells: Cell[]): string {
  const byPrefill = (y: (c: Cell) => number): Series[] =>
    PREFILLS.map((prefill) => ({
      name: `${prefill.toLocaleString('en')} stored`,
      points: cells.filter((c) => c.prefill === prefill).map((c) => ({ x: c.scale, y: y(c) })),
    }));
  return lineChartsSvg([
    {
      title: 'Replay ingest: inflated MiB/s',
      xLabel: 'segment size (× the 1× segment)',
      yLabel: 'MiB/s',
      series: byPrefill((c) => c.inflatedMiBPerSecond),
    },
    {
      title: 'Replay ingest: p99 latency',
      xLabel: 'segment size',
      yLabel: 'ms',
      series: byPrefill((c) => c.p99Ms),
    },
    {
      title: 'Peak RSS',
      xLabel: 'segment size',
      yLabel: 'MiB',
      series: byPrefill((c) => c.peakRssMiB),
    },
  ]);
}

async function main() {
  try {
    const curve = await costCurve();
    const burstReport = await burst();
    const report = {
      ...runContext(),
      setup: {
        store: 'PGlite on disk, prefilled in SQL',
        queue: 'embedded',
        path: 'replay envelope',
        durationSeconds: DURATION_SECONDS,
        connections: CONNECTIONS,
        load: 'autocannon in a second process',
        segmentOneX: replaySegmentBytes(1),
      },
      curve,
      burst: burstReport,
    };
    console.log(`wrote ${writeBenchResult('consumer-cost', report)}`);
    const svg = fileURLToPath(new URL('../../bench/results/consumer-cost.svg', import.meta.url));
    writeFileSync(svg, chart(curve));
    console.log(`wrote ${svg}`);
  } finally {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
