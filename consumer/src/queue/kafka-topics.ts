// The topics, which message goes to which, and making sure they exist.
import type { Admin, ITopicConfig } from 'kafkajs';
import { MAX_KAFKA_MESSAGE_BYTES } from './kafka-config.js';
import type { QueueMessage } from './queue.js';

export interface KafkaTopics {
  /** Replay envelopes, one message per recording segment, keyed by replay id (Sentry's name). */
  recordings: string;
  /** The exception and endpoint paths, and envelopes that carry neither issue nor replay. */
  clickIssues: string;
  /** Playback file uploads, keyed by session id. */
  sessions: string;
  /** New occurrences in the shape of Sentry's issue platform (Sentry's name). */
  occurrences: string;
  /** Messages that cannot be read, with the reason in a header. */
  deadLetter: string;
}

export function kafkaTopics(prefix = ''): KafkaTopics {
  return {
    recordings: `${prefix}ingest-replay-recordings`,
    clickIssues: `${prefix}playback-click-issues`,
    sessions: `${prefix}playback-sessions`,
    occurrences: `${prefix}ingest-occurrences`,
    deadLetter: `${prefix}playback-dead-letter`,
  };
}

/** The topics the processors consume. */
export function inputTopics(topics: KafkaTopics): string[] {
  return [topics.recordings, topics.clickIssues, topics.sessions];
}

export function topicOf(message: QueueMessage, topics: KafkaTopics): string {
  if (message.kind === 'playback') return topics.sessions;
  if (message.kind === 'envelope' && message.path === 'replay') return topics.recordings;
  return topics.clickIssues;
}

/** Creates the topics that are missing; ones that exist are left as they are. */
export async function ensureTopics(admin: Admin, topics: KafkaTopics, partitions?: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = Object.values(topics).filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  const configs: ITopicConfig[] = missing.map((topic) => ({
    topic,
    // -1: the broker's own default.
    numPartitions: partitions ?? -1,
    replicationFactor: -1,
    configEntries: [{ name: 'max.message.bytes', value: String(MAX_KAFKA_MESSAGE_BYTES) }],
  }));
  // Another process may create them at the same moment: an "already exists" answer is fine.
  try {
    await admin.createTopics({ topics: configs, waitForLeaders: true });
  } catch (error) {
    const remaining = new Set(await admin.listTopics());
    if (!missing.every((topic) => remaining.has(topic))) throw error;
  }
}
