// Sessions: the recorder uploads a playback file, the consumer stores it, links it to the click
// issues of the same session whichever path they came by and in whichever order, and serves it
// back as a playback file. Run on embedded PGlite and on the PostgreSQL server.
import { gzipSync } from 'node:zlib';
import { type PlaybackFile, parsePlaybackFile } from '@playback/detector';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import type { IssueDetail, IssueSummary } from '../src/store/issues.js';
import type { SessionDetail, SessionSummary } from '../src/store/sessions.js';
import { startTestConsumerOn } from './database-consumer.js';
import { testDatabases } from './databases.js';
import { breadcrumbEvent, clickIssue, exceptionEnvelope, issuesBatch, replayEnvelope } from './fixtures.js';
import {
  apiFetch,
  envelopePath,
  getJson,
  issuesPath,
  playbackPath,
  post,
  startTestConsumer,
} from './harness.js';
import { checkoutPlaybackJson, playbackFile } from './playback-file.js';

interface SessionList {
  sessions: SessionSummary[];
  total: number;
  nextCursor: string | null;
}

const REPLAY_ID = 'b'.repeat(32);

for (const database of testDatabases()) {
  describe(`sessions on ${database.name}`, () => {
    let consumer: RunningConsumer;
    let id: number;
    let key: string;

    beforeEach(async () => {
      consumer = await startTestConsumerOn(database);
      const created = await consumer.createProject('shop');
      id = created.project.id;
      key = created.publicKey;
    });
    afterEach(() => consumer?.close());
    afterAll(() => database.cleanup());

    const upload = (file: PlaybackFile | string, headers: Record<string, string> = {}) =>
      post(consumer, playbackPath(id, key), typeof file === 'string' ? file : JSON.stringify(file), headers);

    async function issueTitled(title: string): Promise<IssueDetail> {
      const list = await getJson<{ issues: IssueSummary[] }>(consumer, `/api/${id}/issues`);
      const summary = list.issues.find((i) => i.title === title);
      if (!summary)
        throw new Error(`no issue "${title}" among ${list.issues.map((i) => i.title).join(', ')}`);
      return getJson<IssueDetail>(consumer, `/api/${id}/issues/${summary.id}`);
    }

    it('links an uploaded session to the click issues of the same session, by every path and in any order', async () => {
      // Before the upload: the dead click the recorder also saw, reported on the endpoint path
      // under the SDK's own session id.
      const dead = clickIssue({ sessionId: 'sdk-session-1' });
      expect(
        (
          await post(consumer, issuesPath(id, key), issuesBatch([dead]), {
            'content-type': 'application/json',
          })
        ).status,
      ).toBe(200);

      const file = playbackFile({ id: 'pb-1', replayId: REPLAY_ID, clickIssues: [dead] });
      const gzipped = gzipSync(JSON.stringify(file));
      const accepted = await post(consumer, playbackPath(id, key), gzipped, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect(accepted.body).toEqual({ sessionId: 'pb-1' });

      // After the upload: a rage click found in the same Sentry replay, and an unrelated session's issue.
      const rage = clickIssue({
        type: 'rage',
        route: '/cart',
        sessionId: null,
        replayId: REPLAY_ID,
        clickCount: 3,
      });
      const segment = replayEnvelope(REPLAY_ID, [
        { type: 4, timestamp: rage.timestamp, data: { href: 'http://shop.test/cart' } },
        breadcrumbEvent('ui.clickIssue', rage, rage.timestamp),
      ]);
      expect((await post(consumer, envelopePath(id, key), segment)).status).toBe(200);
      const elsewhere = clickIssue({
        type: 'error',
        route: '/orders',
        sessionId: 'someone-else',
        error: null,
      });
      expect((await post(consumer, envelopePath(id, key), exceptionEnvelope(elsewhere))).status).toBe(200);
      await consumer.drain();

      expect((await issueTitled('Dead click on button "Pay now"')).playbackSessions).toEqual(['pb-1']);
      expect((await issueTitled('Rage click on button "Pay now"')).playbackSessions).toEqual(['pb-1']);
      expect((await issueTitled('Error click on button "Pay now"')).playbackSessions).toEqual([]);

      const session = await getJson<SessionDetail>(consumer, `/api/${id}/sessions/pb-1`);
      expect(session).toMatchObject({
        id: 'pb-1',
        replayId: REPLAY_ID,
        url: file.meta.url,
        startedAt: new Date(file.meta.startedAt).toISOString(),
        steps: file.steps.length,
        exchanges: file.network.length,
        clickIssues: 1,
        app: { name: 'shop', release: 'shop@1.4.2' },
      });
      expect(session.issues.map((i) => i.title).sort()).toEqual([
        'Dead click on button "Pay now"',
        'Rage click on button "Pay now"',
      ]);

      const response = await apiFetch(consumer, `/api/${id}/sessions/pb-1/playback`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="pb-1.playback.json"');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(parsePlaybackFile(await response.json())).toEqual(file);
      // Gzipped for a client that takes it (fetch does, and inflates it), plain for one that does not.
      expect(response.headers.get('content-encoding')).toBe('gzip');
      const plain = await apiFetch(consumer, `/api/${id}/sessions/pb-1/playback`, {
        headers: { 'accept-encoding': 'identity' },
      });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(parsePlaybackFile(JSON.parse(await plain.text()))).toEqual(file);

      const stats = await getJson<{ paths: Record<string, Record<string, number>> }>(
        consumer,
        `/api/${id}/stats`,
      );
      expect(stats.paths.playback).toMatchObject({ sessions: 1, requests: 1, bytesReceived: gzipped.length });
    });

    it('lists sessions latest first, a page at a time, and a re-upload replaces the session', async () => {
      const startedAt = 1_763_880_000_000;
      for (const [n, sessionId] of ['first', 'second', 'third'].entries()) {
        expect(
          (await upload(playbackFile({ id: sessionId, startedAt: startedAt + n * 60_000 }))).status,
        ).toBe(200);
      }
      await consumer.drain();

      const page1 = await getJson<SessionList>(consumer, `/api/${id}/sessions?limit=2`);
      expect(page1.sessions.map((s) => s.id)).toEqual(['third', 'second']);
      expect(page1).toMatchObject({ total: 3, nextCursor: '2' });
      const page2 = await getJson<SessionList>(
        consumer,
        `/api/${id}/sessions?limit=2&cursor=${page1.nextCursor}`,
      );
      expect(page2.sessions.map((s) => s.id)).toEqual(['first']);
      expect(page2.nextCursor).toBeNull();

      // The recorder uploads again after an issue (it kept recording): the longer file replaces the first.
      const longer = playbackFile({ id: 'second', startedAt: startedAt + 60_000 });
      longer.steps.push({ type: 'visibility', t: 9_500, state: 'hidden' });
      longer.meta.durationMs = 9_500;
      expect((await upload(longer)).status).toBe(200);
      await consumer.drain();
      expect((await getJson<SessionList>(consumer, `/api/${id}/sessions`)).total).toBe(3);
      expect(await getJson<SessionDetail>(consumer, `/api/${id}/sessions/second`)).toMatchObject({
        steps: longer.steps.length,
        durationMs: 9_500,
      });
      const served = await getJson(consumer, `/api/${id}/sessions/second/playback`);
      expect(parsePlaybackFile(served).steps.at(-1)).toEqual({
        type: 'visibility',
        t: 9_500,
        state: 'hidden',
      });

      expect((await apiFetch(consumer, `/api/${id}/sessions/nobody`)).status).toBe(404);
      expect((await apiFetch(consumer, `/api/${id}/sessions/nobody/playback`)).status).toBe(404);
      expect((await apiFetch(consumer, `/api/${id}/sessions?limit=0`)).status).toBe(400);
      expect((await apiFetch(consumer, `/api/999999/sessions`)).status).toBe(404);
    });

    it('names the download after the session id, safely', async () => {
      expect((await upload(playbackFile({ id: 'user 7/tab "2"' }))).status).toBe(200);
      await consumer.drain();
      const response = await apiFetch(
        consumer,
        `/api/${id}/sessions/${encodeURIComponent('user 7/tab "2"')}/playback`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="user_7_tab__2_.playback.json"',
      );
      expect(parsePlaybackFile(await response.json()).meta.id).toBe('user 7/tab "2"');
    });
  });
}

describe('bad playback uploads', () => {
  let consumer: RunningConsumer;
  let id: number;
  let key: string;

  beforeEach(async () => {
    consumer = await startTestConsumer();
    const created = await consumer.createProject('shop');
    id = created.project.id;
    key = created.publicKey;
  });
  afterEach(() => consumer?.close());

  async function expectRefused(body: string | Buffer, detail: RegExp, headers: Record<string, string> = {}) {
    const res = await post(consumer, playbackPath(id, key), body, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(String(res.body.detail)).toMatch(detail);
    expect(res.headers.get('x-sentry-error')).toMatch(detail);
  }

  it('refuses a future version, truncated JSON and wrong types with the path inside the file, and keeps what it had', async () => {
    expect(
      (await post(consumer, playbackPath(id, key), JSON.stringify(playbackFile({ id: 'kept' })))).status,
    ).toBe(200);

    const future = { ...checkoutPlaybackJson(), version: 2 };
    await expectRefused(JSON.stringify(future), /^version: version 2 is newer than this reader/);
    await expectRefused(gzipSync(JSON.stringify(future)), /^version: version 2 is newer/, {
      'content-encoding': 'gzip',
    });

    const text = JSON.stringify(checkoutPlaybackJson());
    await expectRefused(text.slice(0, Math.floor(text.length / 2)), /^not valid JSON \(/);

    const wrong = checkoutPlaybackJson() as { steps: Array<{ target?: { selectors: unknown } }> };
    wrong.steps[1]!.target!.selectors = '#email';
    await expectRefused(JSON.stringify(wrong), /^steps\[1\]\.target\.selectors: /);

    const noTime = checkoutPlaybackJson() as { meta: { startedAt: unknown } };
    noTime.meta.startedAt = '2025-11-23T06:40:00Z';
    await expectRefused(JSON.stringify(noTime), /^meta\.startedAt: /);

    const longId = checkoutPlaybackJson() as { meta: { id: string } };
    longId.meta.id = 'x'.repeat(201);
    await expectRefused(JSON.stringify(longId), /^meta\.id: longer than 200 characters/);

    await expectRefused('', /empty body/);
    await expectRefused(JSON.stringify({ metadata: { sessionId: 'old-shape' }, body: {} }), /^format: /);

    // Nothing bad was stored, the good session is intact, and the next good upload is served.
    expect(
      (await post(consumer, playbackPath(id, key), JSON.stringify(playbackFile({ id: 'next' })))).status,
    ).toBe(200);
    await consumer.drain();
    const list = await getJson<SessionList>(consumer, `/api/${id}/sessions`);
    expect(list.sessions.map((s) => s.id).sort()).toEqual(['kept', 'next']);
    const stats = await getJson<{ paths: Record<string, Record<string, number>> }>(
      consumer,
      `/api/${id}/stats`,
    );
    expect(stats.paths.playback).toMatchObject({ requests: 2, drops: 8 });
  });
});
