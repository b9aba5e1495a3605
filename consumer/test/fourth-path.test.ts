// Reporting paths are a table: a path registered here, and nowhere else, is counted, filtered, sampled and
// compared like the three the detector defines, from the queue to every API that speaks of paths.
import type { ReportPath } from '@playback/detector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReportPath, reportPaths } from '../src/formats/report-paths.js';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import { clickIssue } from './fixtures.js';
import { apiFetch, getJson, issuesPath, post, startTestConsumer } from './harness.js';

/** A test-only path: say, a `navigator.sendBeacon` reporter. */
const BEACON = 'beacon' as ReportPath;
registerReportPath(BEACON);

interface Issue {
  id: number;
  countByPath: Record<string, number>;
  occurrences?: Array<{ id: string; path: string }>;
}

describe('a fourth reporting path, registered in a test', () => {
  let consumer: RunningConsumer;
  let projectId: number;
  const dead = clickIssue({ timestamp: Date.now() - 60_000, sessionId: 'beacon-session' });
  const byEndpoint = clickIssue({ timestamp: Date.now() - 30_000, sessionId: 'endpoint-session' });
  const slow = clickIssue({ type: 'slow', timestamp: Date.now() - 10_000, sessionId: 'beacon-session' });

  beforeAll(async () => {
    consumer = await startTestConsumer();
    const created = await consumer.createProject('beacon-shop');
    projectId = created.project.id;
    const put = await apiFetch(consumer, `/api/${projectId}/sampling`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rate: 1, rules: [{ type: 'slow', path: BEACON, rate: 0 }] }),
    });
    expect(put.status).toBe(200);
    // What a beacon ingest route would hand the queue: a batch of click issues, counted under its path.
    const body = Buffer.from(JSON.stringify({ issues: [dead, slow] }));
    await consumer.queue.publish({
      kind: 'issues',
      projectId,
      receivedAt: Date.now(),
      wireBytes: body.length,
      body,
      path: BEACON,
    });
    const sent = await post(
      consumer,
      issuesPath(projectId, created.publicKey),
      JSON.stringify({ issues: [byEndpoint] }),
    );
    expect(sent.status).toBe(200);
    await consumer.drain();
  });
  afterAll(async () => {
    await consumer?.close();
  });

  it('is one more entry in the path list, after the detector’s three', () => {
    expect(reportPaths()).toEqual(['exception', 'endpoint', 'replay', BEACON]);
    expect(() => registerReportPath('playback')).toThrow(/not a report path/);
  });

  it('counts the issue per path, filters by it, and shows which path each occurrence came by', async () => {
    const all = await getJson<{ issues: Issue[] }>(consumer, `/api/${projectId}/issues`);
    expect(all.issues).toHaveLength(1);
    expect(all.issues[0]!.countByPath).toEqual({ exception: 0, endpoint: 1, replay: 0, beacon: 1 });
    const filtered = await getJson<{ issues: Issue[]; total: number }>(
      consumer,
      `/api/${projectId}/issues?path=${BEACON}`,
    );
    expect(filtered.total).toBe(1);
    const none = await getJson<{ total: number }>(consumer, `/api/${projectId}/issues?path=replay`);
    expect(none.total).toBe(0);
    const unknown = await apiFetch(consumer, `/api/${projectId}/issues?path=carrier-pigeon`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ detail: expect.stringContaining('"beacon"') });

    const detail = await getJson<Issue>(consumer, `/api/${projectId}/issues/${all.issues[0]!.id}`);
    expect(detail.occurrences!.map((o) => [o.id, o.path]).sort()).toEqual(
      [
        [dead.id, BEACON],
        [byEndpoint.id, 'endpoint'],
      ].sort(),
    );
  });

  it('samples by it: a rule for the path drops its slow clicks and counts them as sampled out', async () => {
    const stats = await getJson<{ paths: Record<string, Record<string, number>> }>(
      consumer,
      `/api/${projectId}/stats`,
    );
    expect(stats.paths[BEACON]).toMatchObject({
      occurrences: 1,
      issues: 1,
      requests: 1,
      sampledOut: 1,
      sessions: 1,
    });
    expect(stats.paths.endpoint).toMatchObject({ occurrences: 1, requests: 1, sampledOut: 0 });
  });

  it('shows in the dashboard’s facets, series and comparison', async () => {
    const facets = await getJson<{ paths: Record<string, number> }>(
      consumer,
      `/api/${projectId}/dashboard/facets`,
    );
    expect(facets.paths).toEqual({ exception: 0, endpoint: 1, replay: 0, beacon: 1 });
    const list = await getJson<{ issues: Issue[] }>(
      consumer,
      `/api/${projectId}/dashboard/issues?path=${BEACON}`,
    );
    expect(list.issues.map((i) => i.countByPath.beacon)).toEqual([1]);
    const series = await getJson<{ byPath: Record<string, number[]> }>(
      consumer,
      `/api/${projectId}/dashboard/issues/${list.issues[0]!.id}/series`,
    );
    expect(Object.keys(series.byPath)).toEqual(reportPaths());
    expect(series.byPath.beacon!.reduce((a, b) => a + b, 0)).toBe(1);
    const compare = await getJson<{ paths: Record<string, Record<string, unknown>> }>(
      consumer,
      `/api/${projectId}/compare`,
    );
    expect(Object.keys(compare.paths)).toEqual(reportPaths());
    expect(compare.paths[BEACON]).toMatchObject({
      occurrences: 1,
      issues: 1,
      sessionsWithIssues: 1,
      sampledOut: 1,
      samplingRates: { dead: 1, slow: 0, rage: 1, error: 1 },
    });
  });
});
