// The routes behind the dashboard, on embedded PGlite and on the PostgreSQL server: search and filters,
// sparkline series, facets, the per-path comparison (duplicates, latency, sampling), bad input, the
// API token, and the page itself, built or not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickIssue } from '@playback/detector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../dashboard/build.js';
import type { RunningConsumer } from '../../src/runtime/consumer.js';
import { startTestConsumerOn } from '../database-consumer.js';
import { testDatabases } from '../databases.js';
import { breadcrumbEvent, clickIssue, exceptionEnvelope, issuesBatch, replayEnvelope } from '../fixtures.js';
import { apiFetch, envelopePath, getJson, issuesPath, post, startTestConsumer } from '../harness.js';

interface Listed {
  issues: Array<{ id: number; title: string; type: string; count: number; series: number[] }>;
  total: number;
  nextCursor: string | null;
  window: { startMs: number; bucketMs: number; buckets: number };
}

interface PathComparison {
  sessions: number;
  sessionsWithIssues: number;
  occurrences: number;
  issues: number;
  occurrencesByType: Record<string, number>;
  duplicates: number;
  duplicateShare: number | null;
  clickToStoredMs: { p50: number; p95: number; count: number } | null;
  detectedToStoredMs: { p50: number; p95: number; count: number } | null;
  requests: number;
  requestsPerSession: number | null;
  bytesReceived: number;
  sampledOut: number;
  samplingRates: Record<string, number>;
}

const MINUTE_MS = 60_000;
const json = { 'content-type': 'application/json' };

for (const database of testDatabases()) {
  describe(`dashboard API on ${database.name}`, () => {
    let consumer: RunningConsumer;
    let id: number;
    let key: string;
    /** When the seeded clicks happened: ten minutes before the test sent them. */
    let clickedAt: number;

    const send = async (path: string, body: Buffer | string) => {
      const response = await post(consumer, path, body, json);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      await consumer.drain();
    };
    /** A replay segment whose one breadcrumb is this click issue, as the replay path sends it. */
    const sendByReplay = (replayId: string, issue: ClickIssue, at?: number) =>
      send(envelopePath(id, key), replayEnvelope(replayId, [breadcrumbEvent('ui.clickIssue', issue, at)]));
    const list = (query: string) => getJson<Listed>(consumer, `/api/${id}/dashboard/issues?${query}`);
    const titles = async (query: string) => (await list(query)).issues.map((i) => i.title);
    const compare = (query = '') =>
      getJson<{ paths: Record<string, PathComparison>; since: string | null }>(
        consumer,
        `/api/${id}/compare${query}`,
      );

    beforeAll(async () => {
      consumer = await startTestConsumerOn(database);
      const created = await consumer.createProject('shop');
      id = created.project.id;
      key = created.publicKey;
      clickedAt = Date.now() - 10 * MINUTE_MS;

      // The same dead click reported twice in one session: by the endpoint, then 300 ms later by
      // the exception path (a second report of one click, under another id).
      const dead = {
        type: 'dead' as const,
        route: '/checkout',
        sessionId: 'session-a',
        timestamp: clickedAt,
      };
      await send(issuesPath(id, key), issuesBatch([clickIssue(dead)]));
      await send(
        envelopePath(id, key),
        exceptionEnvelope(clickIssue({ ...dead, timestamp: clickedAt + 300 })),
      );
      // The same button clicked again a minute later in the same session: not a duplicate.
      await send(
        issuesPath(id, key),
        issuesBatch([clickIssue({ ...dead, timestamp: clickedAt + MINUTE_MS })]),
      );
      // A 100%-off coupon error on /cart and a rage click in a replay.
      await send(
        issuesPath(id, key),
        issuesBatch([
          clickIssue({
            type: 'error',
            route: '/cart',
            sessionId: 'session-b',
            timestamp: clickedAt,
            target: {
              tagName: 'button',
              selector: '#coupon',
              text: '100%_off coupon',
              actionable: true,
              ignored: false,
            },
            endReason: 'error',
            timeAfterClickMs: 120,
          }),
        ]),
      );
      const replayId = 'e'.repeat(32);
      await sendByReplay(
        replayId,
        clickIssue({
          type: 'rage',
          route: '/orders/:id',
          sessionId: 'session-c',
          replayId,
          timestamp: clickedAt,
          clickCount: 3,
        }),
        clickedAt,
      );
    });
    afterAll(async () => {
      await consumer?.close();
      await database.cleanup();
    });

    it('searches issues by title, route, id and fingerprint, and filters by type, path and route', async () => {
      expect((await list('')).total).toBe(3);
      expect(await titles('q=coupon')).toEqual(['Error click on button "100%_off coupon"']);
      // `%` and `_` are searched for as themselves.
      expect(await titles('q=%25_off')).toEqual(['Error click on button "100%_off coupon"']);
      expect(await titles('q=%25')).toEqual(['Error click on button "100%_off coupon"']);
      expect(await titles('q=orders')).toEqual(['Rage click on button "Pay now"']);
      const all = await list('sort=count');
      expect(all.issues.map((i) => i.count)).toEqual([3, 1, 1]);
      expect(all.issues[0]!.type).toBe('dead');
      const dead = all.issues.find((i) => i.type === 'dead')!;
      expect(await titles(`q=%23${dead.id}`)).toEqual([dead.title]);
      expect(await titles(`q=${dead.id}`)).toContain(dead.title);
      expect(await titles('type=error')).toEqual(['Error click on button "100%_off coupon"']);
      expect(await titles('path=replay')).toEqual(['Rage click on button "Pay now"']);
      expect(await titles('path=exception')).toEqual([dead.title]);
      expect(await titles('route=%2Fcheckout')).toEqual([dead.title]);
      expect(await titles('type=dead&path=replay')).toEqual([]);
      const paged = await list('limit=2');
      expect(paged.issues).toHaveLength(2);
      expect(paged.nextCursor).toBe('2');
      expect((await list('limit=2&cursor=2')).issues).toHaveLength(1);
    });

    it('gives each listed issue its events per hour over 24 hours, or per day over 14 days', async () => {
      const hourly = await list('type=dead');
      expect(hourly.window).toMatchObject({ bucketMs: 3_600_000, buckets: 24 });
      const [dead] = hourly.issues;
      expect(dead!.series).toHaveLength(24);
      expect(dead!.series.reduce((a, b) => a + b, 0)).toBe(3);
      // The bucket that holds the click holds its events.
      const bucket = Math.floor((clickedAt - hourly.window.startMs) / hourly.window.bucketMs);
      expect(dead!.series[bucket]! + (dead!.series[bucket + 1] ?? 0)).toBe(3);

      const daily = await list('type=dead&period=14d');
      expect(daily.window).toMatchObject({ bucketMs: 86_400_000, buckets: 14 });
      expect(daily.issues[0]!.series.reduce((a, b) => a + b, 0)).toBe(3);

      const series = await getJson<{ byPath: Record<string, number[]> }>(
        consumer,
        `/api/${id}/dashboard/issues/${dead!.id}/series?period=24h`,
      );
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      expect({
        exception: sum(series.byPath.exception!),
        endpoint: sum(series.byPath.endpoint!),
        replay: sum(series.byPath.replay!),
      }).toEqual({ exception: 1, endpoint: 2, replay: 0 });
    });

    it('counts issues per type, per path and per route for the filters', async () => {
      const facets = await getJson<Record<string, unknown>>(consumer, `/api/${id}/dashboard/facets`);
      expect(facets).toEqual({
        total: 3,
        types: { dead: 1, slow: 0, rage: 1, error: 1 },
        paths: { exception: 1, endpoint: 2, replay: 1 },
        routes: expect.arrayContaining([
          { route: '/checkout', issues: 1 },
          { route: '/cart', issues: 1 },
          { route: '/orders/:id', issues: 1 },
        ]),
      });
    });

    it('compares the paths: occurrences, duplicates, latency from click to stored, traffic', async () => {
      const { paths } = await compare();
      expect(paths.endpoint).toMatchObject({
        occurrences: 3,
        issues: 2,
        sessionsWithIssues: 2,
        occurrencesByType: { dead: 2, slow: 0, rage: 0, error: 1 },
        duplicates: 0,
        requests: 3,
        sessions: 2,
      });
      // The exception report came second for a click the endpoint had already stored.
      expect(paths.exception).toMatchObject({
        occurrences: 1,
        duplicates: 1,
        duplicateShare: 1,
        requests: 1,
      });
      expect(paths.replay).toMatchObject({ occurrences: 1, issues: 1, occurrencesByType: { rage: 1 } });
      expect(paths.endpoint!.bytesReceived).toBeGreaterThan(0);
      expect(paths.endpoint!.requestsPerSession).toBe(1.5);

      // The clicks happened ten minutes before they were sent: latency is at least that, and the
      // path's own delay leaves out the time the detector waited (7 s for a dead click).
      const latency = paths.exception!.clickToStoredMs!;
      expect(latency.count).toBe(1);
      expect(latency.p50).toBeGreaterThanOrEqual(10 * MINUTE_MS - 300);
      expect(latency.p50).toBeLessThan(30 * MINUTE_MS);
      expect(Math.abs(latency.p50 - paths.exception!.detectedToStoredMs!.p50 - 7_000)).toBeLessThanOrEqual(1);
      expect(paths.endpoint!.clickToStoredMs!.p95).toBeGreaterThanOrEqual(
        paths.endpoint!.clickToStoredMs!.p50,
      );

      // Only what was stored since a moment counts when asked.
      const later = await compare(`?since=${Date.now() + MINUTE_MS}`);
      expect(later.paths.endpoint).toMatchObject({
        occurrences: 0,
        duplicates: 0,
        clickToStoredMs: null,
        sessions: 0,
      });
    });

    it('shows what sampling drops on each path, at the rate set through the API', async () => {
      const put = await apiFetch(consumer, `/api/${id}/sampling`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ rate: 1, rules: [{ path: 'replay', rate: 0 }] }),
      });
      expect(put.status).toBe(200);
      const replayId = 'f'.repeat(32);
      await sendByReplay(replayId, clickIssue({ sessionId: 'session-d', replayId, timestamp: Date.now() }));
      const { paths } = await compare();
      expect(paths.replay).toMatchObject({ occurrences: 1, sampledOut: 1 });
      expect(paths.replay!.samplingRates).toEqual({ dead: 0, slow: 0, rage: 0, error: 0 });
      expect(paths.endpoint!.samplingRates).toEqual({ dead: 1, slow: 1, rage: 1, error: 1 });
    });

    it('answers bad input with 400 and a reason, and an unknown project or issue with 404', async () => {
      const expectStatus = async (path: string, status: number, detail: RegExp) => {
        const response = await apiFetch(consumer, path);
        expect(response.status, path).toBe(status);
        expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
      };
      await expectStatus(`/api/${id}/dashboard/issues?period=7d`, 400, /period/);
      await expectStatus(`/api/${id}/dashboard/issues?type=sleepy`, 400, /type/);
      await expectStatus(`/api/${id}/dashboard/issues?limit=100000`, 400, /limit/);
      await expectStatus(`/api/${id}/compare?since=yesterday`, 400, /since/);
      await expectStatus('/api/999/dashboard/issues', 404, /no project 999/);
      await expectStatus('/api/999/compare', 404, /no project 999/);
      await expectStatus(`/api/${id}/dashboard/issues/999/series`, 404, /no issue 999/);
      await expectStatus('/api/abc/dashboard/facets', 400, /projectId/);
    });
  });
}

describe('dashboard page and API token', () => {
  let builtDir: string;
  let emptyDir: string;

  beforeAll(async () => {
    builtDir = mkdtempSync(join(tmpdir(), 'playback-dashboard-'));
    emptyDir = mkdtempSync(join(tmpdir(), 'playback-dashboard-empty-'));
    await buildDashboard({ outDir: builtDir });
  });
  afterAll(() => {
    delete process.env.PLAYBACK_DASHBOARD_DIR;
    for (const dir of [builtDir, emptyDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the built page at / and at its own paths, with its assets cached for good', async () => {
    process.env.PLAYBACK_DASHBOARD_DIR = builtDir;
    const consumer = await startTestConsumer();
    try {
      for (const path of ['/', '/projects/1/issues', '/projects/1/issues/7?type=dead']) {
        const page = await fetch(consumer.url + path);
        expect(page.status, path).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(page.headers.get('cache-control')).toBe('no-cache');
      }
      const html = await (await fetch(`${consumer.url}/`)).text();
      const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
      const styles = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
      expect(script).toMatch(/^\/dashboard\/assets\/app-\w+\.js$/);
      for (const asset of [script!, styles!]) {
        const response = await fetch(consumer.url + asset);
        expect(response.status, asset).toBe(200);
        expect(response.headers.get('cache-control')).toMatch(/immutable/);
      }
      expect((await fetch(`${consumer.url}/dashboard/assets/nothing.js`)).status).toBe(404);
      expect((await fetch(`${consumer.url}/dashboard/assets/../index.html`)).status).toBe(404);
    } finally {
      await consumer.close();
    }
  });

  it('says how to build the dashboard when it is not built, and the API still works', async () => {
    process.env.PLAYBACK_DASHBOARD_DIR = emptyDir;
    const consumer = await startTestConsumer();
    try {
      const page = await fetch(`${consumer.url}/`);
      expect(page.status).toBe(503);
      const text = await page.text();
      expect(text).toContain('The dashboard is not built');
      expect(text).toContain('npm run build -w consumer');
      expect((await apiFetch(consumer, `/api/projects`)).status).toBe(200);
    } finally {
      await consumer.close();
    }
  });

  it('guards the dashboard routes with the API token, and not the page (it holds no data)', async () => {
    process.env.PLAYBACK_DASHBOARD_DIR = builtDir;
    const consumer = await startTestConsumer({ apiToken: 'sesame' });
    try {
      const { project } = await consumer.createProject('guarded');
      for (const path of [
        `/api/${project.id}/dashboard/issues`,
        `/api/${project.id}/dashboard/facets`,
        `/api/${project.id}/compare`,
      ]) {
        expect((await fetch(consumer.url + path)).status, path).toBe(401);
        const allowed = await fetch(consumer.url + path, { headers: { authorization: 'Bearer sesame' } });
        expect(allowed.status, path).toBe(200);
      }
      expect((await fetch(`${consumer.url}/`)).status).toBe(200);
    } finally {
      await consumer.close();
    }
  });
});
