// Kafka settings (where the brokers are, who this process is, which group it joins) and the producer
// and consumer settings the delivery guarantees rest on.
import { z } from 'zod';

/** Group every `playback consume` process joins unless told otherwise: they share the partitions. */
export const DEFAULT_KAFKA_GROUP_ID = 'playback-processors';
export const DEFAULT_KAFKA_CLIENT_ID = 'playback';

/** Largest record a topic takes (`max.message.bytes`); a larger payload is refused at ingest with 413. */
export const MAX_KAFKA_MESSAGE_BYTES = 32 * 1024 * 1024;
/** Bytes waiting for the broker's acknowledgement before ingest answers 503 instead of buffering more. */
export const MAX_KAFKA_PENDING_BYTES = 128 * 1024 * 1024;
/** How long ingest waits for the broker's acknowledgement before answering 503 (the SDK retries). */
export const KAFKA_PUBLISH_TIMEOUT_MS = 10_000;

/** A member that sends no heartbeat for this long is dropped from the group and its partitions move on. */
export const DEFAULT_KAFKA_SESSION_TIMEOUT_MS = 30_000;
/** The broker's default floor for a session timeout (`group.min.session.timeout.ms`). */
export const MIN_KAFKA_SESSION_TIMEOUT_MS = 6_000;
/** Heartbeats go out this often at least, and three times per session timeout when that is shorter. */
export const KAFKA_HEARTBEAT_INTERVAL_MS = 3_000;
/** A fetch with nothing to return waits this long: short, so stopping a consumer is quick too. */
export const KAFKA_FETCH_MAX_WAIT_MS = 500;
/** Partition batches handled at once in one process (messages at once are capped separately). */
export const KAFKA_PARTITIONS_CONSUMED_AT_ONCE = 8;
/** After a store failure a partition pauses this long, doubling up to the cap, then retries. */
export const KAFKA_RETRY_BACKOFF_MS = 500;
export const KAFKA_MAX_RETRY_BACKOFF_MS = 30_000;

/**
 * Reconnect quickly once a broker is back. The idempotent producer keeps its default of retrying
 * without end (fewer retries would void its no-duplicates guarantee); ingest bounds its own wait.
 */
export const KAFKA_RETRY = { initialRetryTime: 100, maxRetryTime: 1_000, retries: 10 } as const;
export const KAFKA_PRODUCER_RETRY = { ...KAFKA_RETRY, retries: Number.MAX_SAFE_INTEGER } as const;

const BROKER = /^[^\s:,]+:\d{1,5}$/;

export const KafkaSettingsSchema = z.object({
  brokers: z
    .array(z.string().regex(BROKER, 'a broker is host:port'))
    .min(1, 'name at least one broker (host:port)'),
  clientId: z.string().min(1).default(DEFAULT_KAFKA_CLIENT_ID),
  groupId: z.string().min(1).default(DEFAULT_KAFKA_GROUP_ID),
  /** Put before every topic name: several deployments (or test runs) on one cluster. */
  topicPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only')
    .default(''),
  /** Partitions of the topics Playback creates; default the broker's `num.partitions`. */
  partitions: z.number().int().positive().optional(),
  /** How soon a process that died silently loses its partitions to the others. */
  sessionTimeoutMs: z
    .number()
    .int()
    .min(MIN_KAFKA_SESSION_TIMEOUT_MS)
    .default(DEFAULT_KAFKA_SESSION_TIMEOUT_MS),
});
export type KafkaSettings = z.output<typeof KafkaSettingsSchema>;
export type KafkaSettingsInput = z.input<typeof KafkaSettingsSchema>;

/** Reads settings, naming what is wrong: `PLAYBACK_KAFKA_BROKERS: a broker is host:port`. */
export function parseKafkaSettings(input: KafkaSettingsInput): KafkaSettings {
  const parsed = KafkaSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`Kafka settings: ${issue.path.join('.') || 'settings'}: ${issue.message}`);
}

/**
 * PLAYBACK_KAFKA_BROKERS (host:port, comma-separated) switches the queue to Kafka; PLAYBACK_KAFKA_CLIENT_ID,
 * PLAYBACK_KAFKA_GROUP_ID, PLAYBACK_KAFKA_TOPIC_PREFIX, PLAYBACK_KAFKA_PARTITIONS and
 * PLAYBACK_KAFKA_SESSION_TIMEOUT_MS refine it.
 */
export function kafkaSettingsFromEnv(env: NodeJS.ProcessEnv): KafkaSettingsInput | undefined {
  const brokers = env.PLAYBACK_KAFKA_BROKERS?.trim();
  if (!brokers) return undefined;
  const settings: KafkaSettingsInput = { brokers: splitBrokers(brokers) };
  if (env.PLAYBACK_KAFKA_CLIENT_ID) settings.clientId = env.PLAYBACK_KAFKA_CLIENT_ID;
  if (env.PLAYBACK_KAFKA_GROUP_ID) settings.groupId = env.PLAYBACK_KAFKA_GROUP_ID;
  if (env.PLAYBACK_KAFKA_TOPIC_PREFIX) settings.topicPrefix = env.PLAYBACK_KAFKA_TOPIC_PREFIX;
  if (env.PLAYBACK_KAFKA_PARTITIONS) settings.partitions = Number(env.PLAYBACK_KAFKA_PARTITIONS);
  if (env.PLAYBACK_KAFKA_SESSION_TIMEOUT_MS) {
    settings.sessionTimeoutMs = Number(env.PLAYBACK_KAFKA_SESSION_TIMEOUT_MS);
  }
  return settings;
}

export function splitBrokers(list: string): string[] {
  return list
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}
