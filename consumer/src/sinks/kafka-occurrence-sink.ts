// Produces every occurrence the processors store to `ingest-occurrences`, in Sentry's issue platform shape.
// Repeats are produced too (same ids): with the Kafka queue's commit after `flush`, a crash between the
// store write and this produce is made good by the redelivery, and the reader keeps one per id.
import type { Logger } from 'pino';
import type { OccurrenceSink, RepeatedOccurrence } from '../pipeline/occurrence-sink.js';
import { connectIdempotentProducer, createKafkaClient } from '../queue/kafka-client.js';
import {
  KAFKA_PUBLISH_TIMEOUT_MS,
  type KafkaSettings,
  MAX_KAFKA_PENDING_BYTES,
} from '../queue/kafka-config.js';
import { KafkaPublisher } from '../queue/kafka-publisher.js';
import { kafkaTopics } from '../queue/kafka-topics.js';
import { issueOccurrence, issueOccurrenceKey } from './issue-occurrence.js';

export interface KafkaOccurrenceSinkOptions {
  settings: KafkaSettings;
  logger: Logger;
}

export async function createKafkaOccurrenceSink(
  options: KafkaOccurrenceSinkOptions,
): Promise<OccurrenceSink> {
  const kafka = createKafkaClient(options.settings, options.logger);
  // No timeout: the producer retries until the broker takes it, and offsets wait for it.
  const publisher = new KafkaPublisher({
    connect: () => connectIdempotentProducer(kafka),
    maxPendingBytes: MAX_KAFKA_PENDING_BYTES,
  });
  await publisher.ready();
  const topic = kafkaTopics(options.settings.topicPrefix).occurrences;
  const send = (occurrence: RepeatedOccurrence) => {
    const message = issueOccurrence(occurrence);
    return publisher.send(topic, {
      key: issueOccurrenceKey(message),
      value: Buffer.from(JSON.stringify(message)),
    });
  };
  return {
    name: 'kafka-occurrences',
    write: send,
    repeat: send,
    flush: () => publisher.idle(),
    async close() {
      // Bounded: with no broker to take them, the unsent occurrences' offsets were never committed either.
      await Promise.race([
        publisher.idle(),
        new Promise((resolve) => setTimeout(resolve, KAFKA_PUBLISH_TIMEOUT_MS).unref()),
      ]);
      await publisher.disconnect();
    },
  };
}
