// Every kind of bad input gets a clear 4xx with its reason, nothing is stored twice,
// and the next good request is served.
import { gzipSync, zlibSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedQueue } from '../src/queue/embedded-queue.js';
import { type Queue, QueueFullError } from '../src/queue/queue.js';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import { clickIssue, envelope, exceptionEnvelope, issuesBatch, replayEnvelope } from './fixtures.js';
import { envelopePath, getJson, issuesPath, playbackPath, post, startTestConsumer } from './harness.js';

const LIMITS = {
  maxBodyBytes: 256 * 1024,
  maxInflatedBodyBytes: 1024 * 1024,
  maxRecordingInflatedBytes: 1024 * 1024,
};

describe('bad input', () => {
  let consumer: RunningConsumer;
  let projectId: number;
  let key: string;
  let otherKey: string;
  let good: () => Promise<void>;
  let goodCount = 0;

  // The embedded queue, with a switch that makes it refuse as a full queue does.
  const embedded = new EmbeddedQueue();
  let queueFull = false;
  const queue: Queue = {
    kind: 'embedded',
    publish: (m) =>
      queueFull ? Promise.reject(new QueueFullError('queue is full (test)')) : embedded.publish(m),
    start: (h) => embedded.start(h),
    drain: () => embedded.drain(),
    close: () => embedded.close(),
    depth: () => embedded.depth(),
  };

  beforeAll(async () => {
    consumer = await startTestConsumer({ limits: LIMITS, queue });
    const a = await consumer.createProject('shop');
    const b = await consumer.createProject('other');
    projectId = a.project.id;
    key = a.publicKey;
    otherKey = b.publicKey;
    // A good request after a bad one must still be served and stored.
    good = async () => {
      const res = await post(consumer, envelopePath(projectId, key), exceptionEnvelope(clickIssue()));
      expect(res.status).toBe(200);
      goodCount++;
    };
  });
  afterAll(() => consumer?.close());

  async function expectRejected(
    status: number,
    reason: RegExp,
    body: Buffer | string,
    { path = envelopePath(projectId, key), headers = {} as Record<string, string> } = {},
  ) {
    const res = await post(consumer, path, body, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(String(res.body.detail)).toMatch(reason);
    expect(res.headers.get('x-sentry-error')).toBeTruthy();
    await good();
    return res;
  }

  it('answers 401 without a key, with an unknown key, and with a revoked key', async () => {
    const body = exceptionEnvelope(clickIssue());
    await expectRejected(401, /missing authentication/, body, { path: `/api/${projectId}/envelope/` });
    await expectRejected(401, /unknown/, body, { path: envelopePath(projectId, 'f'.repeat(32)) });
    const revoked = await consumer.store.createKey(projectId);
    await consumer.store.revokeKey(revoked.publicKey);
    await expectRejected(401, /revoked/, body, { path: envelopePath(projectId, revoked.publicKey) });
  });

  it('reads the key from X-Sentry-Auth as the SDK can send it', async () => {
    const res = await post(consumer, `/api/${projectId}/envelope/`, exceptionEnvelope(clickIssue()), {
      'x-sentry-auth': `Sentry sentry_version=7, sentry_client=sentry.javascript.browser/11.12.0, sentry_key=${key}`,
    });
    expect(res.status).toBe(200);
    goodCount++;
  });

  it('authenticates a tunnelled envelope by the dsn in its header, as Sentry does', async () => {
    const tunnelled = (dsnKey: string) => {
      const inner = exceptionEnvelope(clickIssue());
      const newline = inner.indexOf(10);
      const header = {
        ...JSON.parse(inner.subarray(0, newline).toString()),
        dsn: `http://${dsnKey}@x.test/${projectId}`,
      };
      return Buffer.concat([Buffer.from(JSON.stringify(header)), inner.subarray(newline)]);
    };
    const ok = await post(consumer, `/api/${projectId}/envelope/`, tunnelled(key));
    expect(ok.status).toBe(200);
    goodCount++;
    await expectRejected(403, /another project/, tunnelled(otherKey), {
      path: `/api/${projectId}/envelope/`,
    });
    await expectRejected(401, /unknown/, tunnelled('0'.repeat(32)), { path: `/api/${projectId}/envelope/` });
  });

  it("answers 403 for another project's key and 400 for a project id that is not one", async () => {
    await expectRejected(403, /another project/, exceptionEnvelope(clickIssue()), {
      path: envelopePath(projectId, otherKey),
    });
    await expectRejected(400, /invalid project id/, exceptionEnvelope(clickIssue()), {
      path: `/api/abc/envelope/?sentry_key=${key}`,
    });
  });

  it('answers 400 for truncated envelopes, bad header JSON, wrong lengths and missing items', async () => {
    const replay = replayEnvelope('a'.repeat(32), [{ type: 4, timestamp: 1, data: {} }]);
    await expectRejected(400, /truncated/, replay.subarray(0, replay.length - 10));
    await expectRejected(400, /envelope header is not valid JSON/, '{"event_id":\n{"type":"event"}\n{}');
    await expectRejected(400, /item 0 header is not valid JSON/, '{}\n{"type":\n{}');
    await expectRejected(400, /item 0 header has no type/, '{}\n{"length":2}\n{}');
    await expectRejected(400, /wrong length/, '{}\n{"type":"event","length":1}\n{}');
    await expectRejected(400, /truncated: header says 99 bytes/, '{}\n{"type":"event","length":99}\n{}');
    await expectRejected(400, /invalid length/, '{}\n{"type":"event","length":-1}\n{}');
    await expectRejected(400, /no items/, '{"event_id":"abc"}\n');
    await expectRejected(400, /empty body/, '');
  });

  it('answers 400 for invalid payloads on every path', async () => {
    await expectRejected(400, /item 0 \(event\) payload is not valid JSON/, '{}\n{"type":"event"}\n{nope');
    const broken = { ...clickIssue(), type: 'sluggish', timeAfterClickMs: -1 };
    const event = JSON.stringify({ event_id: 'e'.repeat(32), contexts: { click_issue: broken } });
    await expectRejected(400, /contexts\.click_issue\.type/, envelope({}, [[{ type: 'event' }, event]]));
    await expectRejected(
      400,
      /segment_id/,
      envelope({}, [[{ type: 'replay_recording' }, '{"seg":0}\n[]']], { lengths: true }),
    );
    await expectRejected(
      400,
      /replay_recording.*neither JSON nor zlib/,
      envelope({}, [[{ type: 'replay_recording', length: 20 }, Buffer.from('{"segment_id":0}\nxyz')]]),
    );
    await expectRejected(
      400,
      /issues\.0\.id/,
      JSON.stringify({ issues: [{ ...clickIssue(), id: 'not-a-uuid' }] }),
      {
        path: issuesPath(projectId, key),
      },
    );
    await expectRejected(400, /not valid JSON/, '{"issues": [', { path: issuesPath(projectId, key) });
    await expectRejected(400, /^format: expected "playback"/, JSON.stringify({ body: {} }), {
      path: playbackPath(projectId, key),
    });
  });

  it('accepts and ignores item types it does not process, as Sentry does', async () => {
    const res = await post(
      consumer,
      envelopePath(projectId, key),
      envelope({ sent_at: new Date().toISOString() }, [
        [{ type: 'client_report' }, JSON.stringify({ discarded_events: [] })],
        [{ type: 'session' }, JSON.stringify({ sid: 'x', status: 'ok' })],
        [{ type: 'attachment', length: 3, filename: 'a.bin' }, Buffer.from([0, 10, 1])],
      ]),
    );
    expect(res.status).toBe(200);
  });

  it('answers 413 for oversized bodies and zip bombs, 415 for unknown encodings', async () => {
    await expectRejected(413, /exceeds 262144 bytes/, Buffer.alloc(LIMITS.maxBodyBytes + 1, 'a'));
    const bomb = Buffer.from(gzipSync(new Uint8Array(20 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(LIMITS.maxBodyBytes);
    await expectRejected(413, /decompressed body exceeds/, bomb, { headers: { 'content-encoding': 'gzip' } });
    const recordingBomb = Buffer.concat([
      Buffer.from('{"segment_id":0}\n'),
      Buffer.from(zlibSync(new Uint8Array(20 * 1024 * 1024).fill(32))),
    ]);
    await expectRejected(
      413,
      /recording inflates past/,
      envelope({}, [[{ type: 'replay_recording', length: recordingBomb.length }, recordingBomb]]),
    );
    await expectRejected(415, /unsupported Content-Encoding: zstd/, 'x', {
      headers: { 'content-encoding': 'zstd' },
    });
    await expectRejected(400, /not valid gzip/, 'not gzip', { headers: { 'content-encoding': 'gzip' } });
  });

  it('inflates gzip, deflate and br request bodies', async () => {
    const zlib = await import('node:zlib');
    for (const [encoding, encode] of [
      ['gzip', zlib.gzipSync],
      ['deflate', zlib.deflateSync],
      ['br', zlib.brotliCompressSync],
    ] as const) {
      const res = await post(
        consumer,
        envelopePath(projectId, key),
        encode(exceptionEnvelope(clickIssue())),
        {
          'content-encoding': encoding,
        },
      );
      expect(res.status, encoding).toBe(200);
      goodCount++;
    }
  });

  it('answers 429 with Retry-After past a key’s rate limit, per key', async () => {
    const limited = await consumer.store.createKey(projectId, 1);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await post(
        consumer,
        envelopePath(projectId, limited.publicKey),
        exceptionEnvelope(clickIssue()),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(res.headers.get('x-sentry-rate-limits')).toMatch(/^\d+::key$/);
        expect(String(res.body.detail)).toMatch(/rate limit/);
      }
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    goodCount += statuses.filter((s) => s === 200).length;
    await good(); // other keys are not limited
  });

  it('answers CORS as Sentry does: any origin, preflight for X-Sentry-Auth, limits readable on errors', async () => {
    const preflight = await fetch(`${consumer.url}/api/${projectId}/envelope/`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-sentry-auth',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/x-sentry-auth/);
    const refused = await fetch(`${consumer.url}${envelopePath(projectId, 'f'.repeat(32))}`, {
      method: 'POST',
      headers: { origin: 'https://shop.example' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/x-sentry-rate-limits/);
  });

  it('answers 503 with Retry-After while the queue is full, then serves again', async () => {
    queueFull = true;
    try {
      const res = await post(consumer, envelopePath(projectId, key), exceptionEnvelope(clickIssue()));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(String(res.body.detail)).toMatch(/queue is full/);
    } finally {
      queueFull = false;
    }
    await good();
  });

  it('stores a repeated ClickIssue id once, whichever path repeats it', async () => {
    const issue = clickIssue({ sessionId: 'repeat-session' });
    for (let i = 0; i < 3; i++) {
      expect((await post(consumer, envelopePath(projectId, key), exceptionEnvelope(issue))).status).toBe(200);
    }
    expect((await post(consumer, issuesPath(projectId, key), issuesBatch([issue, issue]))).status).toBe(200);
    await consumer.drain();
    const { issues } = await getJson<{ issues: Array<{ id: number }> }>(consumer, `/api/${projectId}/issues`);
    const detail = await getJson<{ occurrences: Array<{ id: string }> }>(
      consumer,
      `/api/${projectId}/issues/${issues[0]!.id}`,
    );
    expect(detail.occurrences.filter((o) => o.id === issue.id)).toHaveLength(1);
    goodCount += 1;
  });

  it('stored exactly the good requests, and counted the drops', async () => {
    await consumer.drain();
    expect(await consumer.store.countOccurrences(projectId)).toBe(goodCount);
    const stats = await getJson<{ paths: Record<string, { drops: number; requests: number }> }>(
      consumer,
      `/api/${projectId}/stats`,
    );
    const drops = Object.values(stats.paths).reduce((n, p) => n + p.drops, 0);
    expect(drops).toBeGreaterThan(10);
  });
});
