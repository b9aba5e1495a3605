// One kafkajs client for the settings, logging through the consumer's pino logger.
import {
  type ICustomPartitioner,
  Kafka,
  type LogEntry,
  logLevel,
  Partitioners,
  type Producer,
} from 'kafkajs';
import type { Logger } from 'pino';
import { KAFKA_PRODUCER_RETRY, KAFKA_RETRY, type KafkaSettings } from './kafka-config.js';

function kafkaLogCreator(logger: Logger) {
  const log = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log: entry }: LogEntry) => {
      const { message, ...extra } = entry;
      const fields = { namespace, ...extra };
      if (level === logLevel.ERROR) log.error(fields, message);
      else if (level === logLevel.WARN) log.warn(fields, message);
      else if (level === logLevel.INFO) log.info(fields, message);
      else log.debug(fields, message);
    };
}

export function createKafkaClient(settings: KafkaSettings, logger: Logger): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    retry: { ...KAFKA_RETRY },
    // kafkajs's info lines (every connect and join) are below what an operator needs.
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
}

/**
 * Kafka's default partitioner, except that a record without a key keeps the partition it was first given.
 * kafkajs partitions a batch again on every retry, and after a partial failure it winds back the sequence
 * numbers of partitions the broker did take: a keyless record moved to such a partition would reuse a
 * sequence number, be taken for a duplicate, and be dropped while acknowledged.
 */
export const StickyKeylessPartitioner: ICustomPartitioner = () => {
  const partition = Partitioners.DefaultPartitioner();
  const chosen = new WeakMap<object, number>();
  return (args) => {
    if (args.message.key != null) return partition(args);
    const earlier = chosen.get(args.message);
    if (earlier !== undefined && args.partitionMetadata.some((p) => p.partitionId === earlier))
      return earlier;
    const now = partition(args);
    chosen.set(args.message, now);
    return now;
  };
};

/** A connected idempotent producer: retries without end, so the broker never sees a record twice. */
export async function connectIdempotentProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    retry: KAFKA_PRODUCER_RETRY,
    allowAutoTopicCreation: false,
    createPartitioner: StickyKeylessPartitioner,
  });
  await producer.connect();
  return producer;
}
