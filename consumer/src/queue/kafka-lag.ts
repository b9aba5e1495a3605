// Consumer lag: per partition, how many messages lie between the group's committed offset and the end of
// the log. Zero everywhere means every message written so far has been handled and committed.
import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's next offset to handle (the log start when it has committed nothing). */
  committed: number;
  /** The offset the next message written will get. */
  end: number;
  lag: number;
}

export interface ConsumerLag {
  total: number;
  partitions: PartitionLag[];
}

/** How often a lag read is tried while partitions are still electing leaders (a topic just created). */
const LAG_READ_ATTEMPTS = 8;
const LAG_READ_BACKOFF_MS = 100;

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: boolean }).retriable === true;
}

export async function consumerLag(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<ConsumerLag> {
  // Right after a topic is created (or a broker restarts) its partitions may have no leader yet, and
  // listing offsets answers NOT_LEADER_OR_FOLLOWER: a retriable error, so wait and read again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await readLag(admin, groupId, topics);
    } catch (error) {
      if (!isRetriable(error) || attempt >= LAG_READ_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, LAG_READ_BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}

async function readLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<ConsumerLag> {
  const [ends, committed] = await Promise.all([
    Promise.all(topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) }))),
    admin.fetchOffsets({ groupId, topics: [...topics] }),
  ]);
  const committedOf = new Map<string, number>();
  for (const { topic, partitions } of committed) {
    for (const { partition, offset } of partitions) committedOf.set(`${topic}:${partition}`, Number(offset));
  }
  const partitions: PartitionLag[] = [];
  for (const { topic, offsets } of ends) {
    for (const { partition, high, low } of offsets) {
      const end = Number(high);
      const start = Number(low);
      const at = committedOf.get(`${topic}:${partition}`) ?? -1;
      const next = at < 0 ? start : Math.max(at, start);
      partitions.push({ topic, partition, committed: next, end, lag: Math.max(0, end - next) });
    }
  }
  return { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
}

/** Resolves once the group has committed past every message the topics held when it was called. */
export async function waitForCommitted(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
  pollIntervalMs = 50,
): Promise<void> {
  const target = await consumerLag(admin, groupId, topics);
  const endOf = new Map(target.partitions.map((p) => [`${p.topic}:${p.partition}`, p.end]));
  for (;;) {
    const now = await consumerLag(admin, groupId, topics);
    if (now.partitions.every((p) => p.committed >= (endOf.get(`${p.topic}:${p.partition}`) ?? 0))) return;
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}
