import { describe, expect, it } from 'vitest';
import { EmbeddedQueue } from './embedded-queue.js';
import { QueueFullError, type QueueMessage } from './queue.js';

const message = (n: number): QueueMessage => ({
  kind: 'issues',
  projectId: 1,
  receivedAt: n,
  wireBytes: 1,
  body: Buffer.from(String(n)),
});

describe('EmbeddedQueue', () => {
  it('holds at most its capacity, delivers everything, and drains', async () => {
    const queue = new EmbeddedQueue({ capacity: 3, concurrency: 2 });
    const seen: number[] = [];
    const published = [queue.publish(message(1)), queue.publish(message(2)), queue.publish(message(3))];
    await expect(queue.publish(message(4))).rejects.toBeInstanceOf(QueueFullError);
    await queue.start(async (m) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(m.receivedAt);
    });
    await Promise.all(published);
    await queue.drain();
    expect(seen.sort()).toEqual([1, 2, 3]);
    expect(queue.depth()).toBe(0);
    await queue.publish(message(5));
    await queue.close();
    expect(seen).toContain(5);
    await expect(queue.publish(message(6))).rejects.toThrow(/closed/);
  });

  it('acknowledges a message only once its handler has finished', async () => {
    const queue = new EmbeddedQueue();
    let release = () => {};
    const handled: number[] = [];
    await queue.start(async (m) => {
      await new Promise<void>((r) => {
        release = r;
      });
      handled.push(m.receivedAt);
    });
    let acknowledged = false;
    const publishing = queue.publish(message(1)).then(() => {
      acknowledged = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(acknowledged).toBe(false);
    release();
    await publishing;
    expect(handled).toEqual([1]);
  });

  it('fails only the message whose handler throws, and keeps going', async () => {
    const errors: unknown[] = [];
    const queue = new EmbeddedQueue({ onError: (e) => errors.push(e) });
    const seen: number[] = [];
    await queue.start(async (m) => {
      if (m.receivedAt === 1) throw new Error('boom');
      seen.push(m.receivedAt);
    });
    await expect(queue.publish(message(1))).rejects.toThrow('boom');
    await queue.publish(message(2));
    await queue.drain();
    expect(errors).toHaveLength(1);
    expect(seen).toEqual([2]);
  });
});
