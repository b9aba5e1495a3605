// `npm run bench -w detector`: throughput of the engine beside a same-run
// baseline that only iterates the same input. Figures go to bench/results/detector.json.
import { perSecond, timeSync, writeBenchResult } from '../../bench/support/timing.mjs';
import { ClickDetector } from '../src/engine/click-detector.js';
import type { SessionEvent } from '../src/model/session-event.js';
import { detectFromRrweb } from '../src/rrweb/detect-from-rrweb.js';
import { makeShopRecording } from '../test/fixtures/rrweb/make-recording.js';
import { makeEpisodes } from './episodes.js';

const EPISODES = 100_000;
const events = makeEpisodes(EPISODES);

function iterateOnly(stream: readonly SessionEvent[]): number {
  let sum = 0;
  for (const event of stream) sum += event.type.length;
  return sum;
}

function detect(stream: readonly SessionEvent[]): number {
  let issues = 0;
  const detector = new ClickDetector({}, { onIssue: () => issues++ });
  for (const event of stream) {
    if (event.type === 'click') detector.click(event.click);
    else if (event.type === 'signal') detector.signal(event.signal);
    else if (event.type === 'error') detector.error(event.error);
  }
  detector.flush(Number.MAX_SAFE_INTEGER);
  return issues;
}

let sink = 0;
const baseline = timeSync(() => {
  sink += iterateOnly(events);
});
const heapBefore = process.memoryUsage().heapUsed;
const engine = timeSync(() => {
  sink += detect(events);
});
const heapAfter = process.memoryUsage().heapUsed;

// The offline path: a Sentry Replay rrweb stream through detectFromRrweb.
const recording = makeShopRecording({ sessions: 40, clicks: 200 });
const rrwebBaseline = timeSync(
  () => {
    let sum = 0;
    for (const event of recording as Array<{ type?: unknown }>)
      sum += typeof event.type === 'number' ? event.type : 0;
    sink += sum;
  },
  { rounds: 5 },
);
const rrweb = timeSync(
  () => {
    sink += detectFromRrweb(recording).length;
  },
  { rounds: 5 },
);

const results = {
  benchmark: 'detector',
  date: new Date().toISOString(),
  node: process.version,
  clickDetector: {
    episodes: EPISODES,
    events: events.length,
    episodesPerSecond: perSecond(EPISODES, engine.medianMs),
    medianMs: engine.medianMs,
    baselineEpisodesPerSecond: perSecond(EPISODES, baseline.medianMs),
    baselineMedianMs: baseline.medianMs,
    costOverBaseline: Number((engine.medianMs / baseline.medianMs).toFixed(1)),
    heapGrowthMB: Number(((heapAfter - heapBefore) / 1e6).toFixed(1)),
  },
  detectFromRrweb: {
    events: recording.length,
    eventsPerSecond: perSecond(recording.length, rrweb.medianMs),
    medianMs: rrweb.medianMs,
    baselineEventsPerSecond: perSecond(recording.length, rrwebBaseline.medianMs),
    baselineMedianMs: rrwebBaseline.medianMs,
    costOverBaseline: Number((rrweb.medianMs / rrwebBaseline.medianMs).toFixed(1)),
  },
  checksum: sink,
};
writeBenchResult('detector', results);
console.log(JSON.stringify(results, null, 2));
