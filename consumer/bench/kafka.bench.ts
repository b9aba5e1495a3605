// `npm run bench -w consumer -- --kafka`: replay recording segments through a real Kafka broker and a
// `playback consume` process into PostgreSQL — decode, detect, store — beside a same-run baseline that
// only inflates and parses the same segments (the floor any consumer pays). A burst is published while
// the processor runs; the lag at the end of the burst and the time it takes to drain are measured, and
// the occurrences produced to ingest-occurrences are counted. Figures go to bench/results/consumer-kafka.json.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { pino } from 'pino';
import { writeBenchResult } from '../../bench/support/timing.mjs';
import { KAFKA_VERSION, startKafka } from '../../scripts/kafka.mjs';
import { parseEnvelope } from '../src/formats/envelope.js';
import { readRecordingSegment } from '../src/formats/recording-segment.js';
import { parseKafkaSettings } from '../src/queue/kafka-config.js';
import { consumerLag } from '../src/queue/kafka-lag.js';
import { createKafkaQueue } from '../src/queue/kafka-queue.js';
import { inputTopics, kafkaTopics } from '../src/queue/kafka-topics.js';
import { openStore } from '../src/store/open-store.js';
import { breadcrumbEvent, clickIssue, replayEnvelope } from '../test/fixtures.js';

const SEGMENTS = Number(process.env.BENCH_KAFKA_SEGMENTS ?? 3_000);
/** rrweb events per segment besides the click issue: mouse moves, mutations, a snapshot's worth of nodes. */
const EVENTS_PER_SEGMENT = 300;
const BASELINE_ROUNDS = 3;
const POSTGRES_URL = process.env.PLAYBACK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const POLL_INTERVAL_MS = 50;
const _root = fileURLToPath(new URL('../..', import.meta.url));
const consumerRoot = fileURLToPath(new URL('..', import.meta.url));

/** Replay envelopes as the SDK sends them (zlib recording), each with one click issue. */
function segments(count: number): Array<{ replayId: string; body: Buffer }> {
  return Array.from({ length: count }, (_, i) => {
    const issue = clickIssue({ sessionId: `bench-${i % 500}`, route: `/page/${i % 50}` });
    const t = issue.timestamp + i;
    const events = [
      { type: 4, timestamp: t, data: { href: `http://shop.test/page/${i % 50}`, width: 1280, height: 720 } },
      ...Array.from({ length: EVENTS_PER_SEGMENT }, (_, k) => ({
        type: 3,
        timestamp: t + k * 20,
        data:
          k % 3 === 0
            ? { source: 0, adds: [{ parentId: 10 + k, node: { type: 2, tagName: 'div', id: 100 + k } }] }
            : { source: 1, positions: [{ x: 100 + k, y: 200 + (k % 40), id: 40, timeOffset: -k }] },
      })),
      breadcrumbEvent('ui.click', { nodeId: 42 }, t + 100),
      breadcrumbEvent('ui.clickIssue', { ...issue, via: 'replay' }, t + 7_100),
    ];
    const replayId = randomUUID().replace(/-/g, '');
    return { replayId, body: replayEnvelope(replayId, events, { segmentId: 0 }) };
  });
}

/** The floor: undo the envelope framing, inflate the recording and parse its JSON, nothing else. */
async function baseline(bodies: ReadonlyArray<{ body: Buffer }>) {
  let best = Number.POSITIVE_INFINITY;
  let inflatedBytes = 0;
  for (let round = 0; round < BASELINE_ROUNDS; round++) {
    inflatedBytes = 0;
    const started = performance.now();
    for (const { body } of bodies) {
      const recording = parseEnvelope(body).items.find((item) => item.header.type === 'replay_recording')!;
      inflatedBytes += (await readRecordingSegment(recording.payload)).inflatedBytes;
    }
    best = Math.min(best, performance.now() - started);
  }
  return { seconds: best / 1000, inflatedBytes };
}

function startConsume(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'consume'], {
    cwd: consumerRoot,
    // Port 0: its health endpoint must not clash with anything listening on the default.
    env: { ...process.env, PLAYBACK_LOG_LEVEL: 'warn', PLAYBACK_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return child;
}

function joined(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('joined group')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`playback consume exited with ${code}`)));
  });
}

async function main() {
  const bodies = segments(SEGMENTS);
  const wireBytes = bodies.reduce((n, b) => n + b.body.length, 0);
  const floor = await baseline(bodies);
  console.log(
    `baseline   ${Math.round(SEGMENTS / floor.seconds)} segments/s  ` +
      `${(floor.inflatedBytes / 1e6 / floor.seconds).toFixed(1)} MB/s inflated`,
  );

  const kafka = await startKafka({ dataDir: mkdtempSync(join(tmpdir(), 'playback-kafka-bench-')) });
  const id = `bench-${randomBytes(3).toString('hex')}`;
  const settings = parseKafkaSettings({
    brokers: [kafka.brokers],
    clientId: id,
    groupId: `${id}-group`,
    topicPrefix: `${id}.`,
  });
  const schema = `playback_bench_${randomBytes(4).toString('hex')}`;
  const store = await openStore({ databaseUrl: POSTGRES_URL, databaseSchema: schema });
  const { project, key } = await store.createProject('bench');
  const logger = pino({ level: 'warn' });
  const queue = await createKafkaQueue({ settings, logger });
  const admin = new Kafka({ clientId: id, brokers: [kafka.brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = kafkaTopics(settings.topicPrefix);
  const consume = startConsume({
    PLAYBACK_KAFKA_BROKERS: kafka.brokers,
    PLAYBACK_KAFKA_CLIENT_ID: `${id}-consume`,
    PLAYBACK_KAFKA_GROUP_ID: settings.groupId,
    PLAYBACK_KAFKA_TOPIC_PREFIX: settings.topicPrefix,
    PLAYBACK_DATABASE_URL: POSTGRES_URL,
    PLAYBACK_DATABASE_SCHEMA: schema,
  });
  try {
    await joined(consume);
    // The burst: every segment published as fast as the broker acknowledges them.
    const burstStarted = performance.now();
    await Promise.all(
      bodies.map(({ replayId, body }) =>
        queue.publish({
          kind: 'envelope',
          projectId: project.id,
          receivedAt: Date.now(),
          wireBytes: body.length,
          body,
          keyId: key.publicKey,
          path: 'replay',
          orderingKey: replayId,
        }),
      ),
    );
    const burstEnded = performance.now();
    const lagAfterBurst = (await consumerLag(admin, settings.groupId, inputTopics(topics))).total;
    for (;;) {
      if ((await consumerLag(admin, settings.groupId, inputTopics(topics))).total === 0) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    const drained = performance.now();
    const totalSeconds = (drained - burstStarted) / 1000;
    const stored = await store.countOccurrences(project.id);
    const produced = (await admin.fetchTopicOffsets(topics.occurrences)).reduce(
      (n, p) => n + Number(p.high),
      0,
    );

    const throughput = SEGMENTS / totalSeconds;
    const floorThroughput = SEGMENTS / floor.seconds;
    const report = {
      package: '@playback/consumer',
      benchmark: 'replay segments through Kafka',
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      setup: {
        kafka: `Apache Kafka ${KAFKA_VERSION}, one KRaft node on 127.0.0.1`,
        store: 'PostgreSQL server',
        processor: 'one `playback consume` process',
        segments: SEGMENTS,
        eventsPerSegment: EVENTS_PER_SEGMENT + 4,
        wireBytes,
        inflatedBytes: floor.inflatedBytes,
      },
      baseline: {
        what: 'envelope framing + inflate + JSON.parse of each segment, in process, best of 3',
        segmentsPerSecond: Math.round(floorThroughput),
        inflatedMBPerSecond: Number((floor.inflatedBytes / 1e6 / floor.seconds).toFixed(2)),
      },
      kafka: {
        what: 'publish (acks=all) → ingest-replay-recordings → decode, detect, store (PostgreSQL) → commit',
        segmentsPerSecond: Math.round(throughput),
        wireMBPerSecond: Number((wireBytes / 1e6 / totalSeconds).toFixed(2)),
        inflatedMBPerSecond: Number((floor.inflatedBytes / 1e6 / totalSeconds).toFixed(2)),
        ratioToBaseline: Number((throughput / floorThroughput).toFixed(3)),
        burstSeconds: Number(((burstEnded - burstStarted) / 1000).toFixed(2)),
        lagAfterBurst,
        drainSecondsAfterBurst: Number(((drained - burstEnded) / 1000).toFixed(2)),
        occurrencesStored: stored,
        occurrencesProduced: produced,
        occurrencesPerSecondToIngestOccurrences: Math.round(produced / totalSeconds),
      },
    };
    console.log(
      `kafka      ${report.kafka.segmentsPerSecond} segments/s  ${report.kafka.inflatedMBPerSecond} MB/s inflated  ` +
        `ratio ${report.kafka.ratioToBaseline}  lag after burst ${lagAfterBurst}  ` +
        `drained in ${report.kafka.drainSecondsAfterBurst} s  ${report.kafka.occurrencesPerSecondToIngestOccurrences} occurrences/s`,
    );
    const written = writeBenchResult('consumer-kafka', report);
    console.log(`wrote ${written}`);
  } finally {
    if (consume.exitCode === null) {
      const exited = new Promise((resolve) => consume.once('exit', resolve));
      consume.kill('SIGTERM');
      await exited;
    }
    await queue.close();
    await admin.disconnect();
    await store.close();
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    await kafka.stop({ keepData: false });
  }
}

await main();
