// `playback consume` on a real broker and PostgreSQL, as an orchestrator and Prometheus see it: /healthz
// says whether it can process (store reachable, consumer in its group), /metrics counts what it did, and
// it refuses recordings over its cap as `serve` does.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { KafkaSettingsInput } from '../../src/queue/kafka-config.js';
import { DEAD_LETTER_HEADERS } from '../../src/queue/kafka-dead-letter.js';
import { type RunningProcessors, startProcessors } from '../../src/runtime/processors.js';
import { breadcrumbEvent, clickIssue, exceptionEnvelope, replayEnvelope } from '../fixtures.js';
import { envelopePath, post } from '../harness.js';
import { consumeSuite } from './consume-suite.js';
import { ConsumeProcess, consumeEnv, isolatedSettings, readTopic, waitFor } from './kafka-harness.js';

const PROCESS_TEST_TIMEOUT_MS = 180_000;
/** The recording cap these tests give `consume`; ingest keeps its default, far larger. */
const RECORDING_CAP_BYTES = 16 * 1024;

const suite = consumeSuite();

/** Ingest alone on its own topics and schema, with a project to send envelopes to. */
async function startIngest(label: string) {
  const run = await suite.startIngest(isolatedSettings(suite.kafka, label));
  const sendEnvelope = async (body: Buffer) => {
    const answer = await post(run.ingest, envelopePath(run.project.id, run.publicKey), body);
    expect(answer.status).toBe(200);
  };
  return { ...run, sendEnvelope };
}

/** The processors in this process, on the test's topics and schema, with a free port. */
function startTestProcessors(
  settings: KafkaSettingsInput,
  location: { databaseUrl: string; databaseSchema: string },
  options: { maxRecordingInflatedBytes?: number } = {},
): Promise<RunningProcessors> {
  return startProcessors({
    kafka: settings,
    ...location,
    port: 0,
    logger: pino({ level: process.env.PLAYBACK_TEST_LOG_LEVEL ?? 'silent' }),
    ...options,
  });
}

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** One series' value in the Prometheus text at `url`/metrics; 0 while it has not appeared. */
async function metric(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const PROCESSED_OK = 'playback_messages_processed_total{kind="envelope",outcome="ok"}';
const PROCESSED_ERROR = 'playback_messages_processed_total{kind="envelope",outcome="error"}';
const DEAD_LETTERED = 'playback_kafka_messages_total{outcome="dead_letter"}';

/** A replay segment whose rrweb JSON inflates well past RECORDING_CAP_BYTES (it is tiny on the wire). */
function oversizedRecording() {
  const padding = {
    type: 5,
    timestamp: 1_760_000_000_000,
    data: { tag: 'padding', payload: 'x'.repeat(64 * 1024) },
  };
  return replayEnvelope('b'.repeat(32), [breadcrumbEvent('ui.clickIssue', clickIssue()), padding]);
}

describe('`playback consume` health and metrics', () => {
  it(
    'answers /healthz 200 and counts in /metrics each envelope ingest hands it, and refuses recordings over PLAYBACK_MAX_RECORDING_BYTES',
    async () => {
      const run = await startIngest('health');
      try {
        const consume = new ConsumeProcess({
          ...consumeEnv(run.settings, run.location),
          PLAYBACK_MAX_RECORDING_BYTES: String(RECORDING_CAP_BYTES),
        });
        await consume.joined();
        const url = await consume.url();
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

        expect(await health(url)).toEqual({
          status: 200,
          body: { status: 'ok', database: 'postgres', queue: { kind: 'kafka', depth: 0 } },
        });
        expect(await metric(url, PROCESSED_OK)).toBe(0);

        await run.sendEnvelope(exceptionEnvelope(clickIssue()));
        await waitFor('the envelope to be counted', async () => (await metric(url, PROCESSED_OK)) === 1);
        expect(await run.ingest.store.countOccurrences(run.project.id)).toBe(1);

        // Ingest's cap is its default: only the consume process's own cap can refuse this one.
        await run.sendEnvelope(oversizedRecording());
        await waitFor(
          'the recording to be dead-lettered',
          async () => (await metric(url, DEAD_LETTERED)) === 1,
        );
        expect(await metric(url, PROCESSED_ERROR)).toBe(1);
        expect(await metric(url, PROCESSED_OK)).toBe(1);
        expect(await consume.stop()).toBe(0);
      } finally {
        await run.ingest.close();
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('answers /healthz 503 with the reason once its store is closed underneath it', async () => {
    const run = await startIngest('store-down');
    const processors = await startTestProcessors(run.settings, run.location);
    try {
      expect((await health(processors.url)).status).toBe(200);
      await processors.store.close();
      const answer = await health(processors.url);
      expect(answer.status).toBe(503);
      expect(answer.body.status).toBe('unavailable');
      expect(String(answer.body.detail)).toMatch(/pool/);
    } finally {
      // Its store is closed already, so closing it again is refused; the rest still stops.
      await processors.close().catch(() => {});
      await run.ingest.close();
    }
  });

  it('answers /healthz 503 once its Kafka consumer has stopped', async () => {
    const run = await startIngest('consumer-stopped');
    const processors = await startTestProcessors(run.settings, run.location);
    try {
      expect((await health(processors.url)).status).toBe(200);
      await processors.queue.close();
      expect(await health(processors.url)).toEqual({
        status: 503,
        body: { status: 'unavailable', detail: 'the Kafka consumer stopped' },
      });
    } finally {
      await processors.close();
      await run.ingest.close();
    }
  });
});

describe('`startProcessors` with maxRecordingInflatedBytes', () => {
  it('sends a recording over the cap to the dead letter topic as a 413 and stores the one under it', async () => {
    const run = await startIngest('cap');
    const processors = await startTestProcessors(run.settings, run.location, {
      maxRecordingInflatedBytes: RECORDING_CAP_BYTES,
    });
    try {
      const underCap = clickIssue({ sessionId: 'under-cap' });
      await run.sendEnvelope(replayEnvelope('a'.repeat(32), [breadcrumbEvent('ui.clickIssue', underCap)]));
      await run.sendEnvelope(oversizedRecording());
      await processors.drain();

      expect(await processors.store.countOccurrences(run.project.id)).toBe(1);
      const [dead] = await readTopic(suite.kafka, run.topics.deadLetter, 1);
      expect(dead!.headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toMatch(
        new RegExp(`payload refused \\(413\\): .*inflates past ${RECORDING_CAP_BYTES} bytes`),
      );
      expect(await metric(processors.url, PROCESSED_ERROR)).toBe(1);
      expect(await metric(processors.url, PROCESSED_OK)).toBe(1);
    } finally {
      await processors.close();
      await run.ingest.close();
    }
  });
});
