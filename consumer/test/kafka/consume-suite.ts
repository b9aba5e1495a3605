// What the suites that run `playback consume` processes share: one broker for the file, a fresh
// PostgreSQL schema per ingest (all dropped at the end), no process left running after a test, and
// ingest alone (`serve --no-consume`) with a project to send to.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningKafka } from '../../../scripts/kafka.mjs';
import type { KafkaSettingsInput } from '../../src/queue/kafka-config.js';
import { kafkaTopics } from '../../src/queue/kafka-topics.js';
import { startTestConsumer } from '../harness.js';
import { killConsumeProcesses, postgresSchemas, startTestBroker } from './kafka-harness.js';

/** Registers the file's hooks; a suite's own after-hooks run before these (vitest stacks them). */
export function consumeSuite() {
  let kafka: RunningKafka | undefined;
  const schemas = postgresSchemas();

  beforeAll(async () => {
    kafka = await startTestBroker();
  });
  afterEach(() => killConsumeProcesses());
  afterAll(async () => {
    await kafka?.stop({ keepData: false });
    await schemas.drop();
  });

  return {
    schemas,
    /** The file's broker, once beforeAll has started it. */
    get kafka(): RunningKafka {
      if (!kafka) throw new Error('the broker starts in beforeAll');
      return kafka;
    },
    /** Ingest alone on these topics, on a schema of its own, with a project "shop". */
    async startIngest(settings: KafkaSettingsInput) {
      const location = schemas.fresh();
      const ingest = await startTestConsumer({ kafka: settings, consume: false, ...location });
      const { project, publicKey } = await ingest.createProject('shop');
      return { settings, location, ingest, project, publicKey, topics: kafkaTopics(settings.topicPrefix) };
    },
  };
}
