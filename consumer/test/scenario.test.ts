// One user-facing scenario, run on embedded PGlite and on the PostgreSQL server:
// issues arrive by all three paths, group, sample, and read back through the API.
import { afterAll, describe, expect, it } from 'vitest';
import type { IssueDetail, IssueSummary } from '../src/store/issues.js';
import { startTestConsumerOn } from './database-consumer.js';
import { testDatabases } from './databases.js';
import { everyPath } from './every-path.js';
import { breadcrumbEvent, clickIssue, issuesBatch } from './fixtures.js';
import { apiFetch, getJson, issuesPath, post } from './harness.js';

interface IssueList {
  issues: IssueSummary[];
  total: number;
  nextCursor: string | null;
}

for (const database of testDatabases()) {
  describe(`consumer on ${database.name}`, () => {
    afterAll(() => database.cleanup());

    it('groups issues from the exception, endpoint and replay paths and serves them through the API', async () => {
      const consumer = await startTestConsumerOn(database);
      try {
        const { project, publicKey: key } = await consumer.createProject('shop');
        const id = project.id;
        const { replayId, segment, upload, send } = everyPath({
          segmentEvents: (viaReplay) => [
            breadcrumbEvent('ui.click', { nodeId: 1 }),
            breadcrumbEvent('ui.clickIssue', viaReplay),
            breadcrumbEvent('ui.clickIssue', { broken: true }),
          ],
          issuesHeaders: { 'content-type': 'application/json' },
        });
        await send(consumer, id, key);
        await consumer.drain();

        const byCount = await getJson<IssueList>(consumer, `/api/${id}/issues?sort=count`);
        expect(byCount.total).toBe(2);
        expect(byCount.issues.map((i) => i.title)).toEqual([
          'Dead click on button "Pay now"',
          'Rage click on button "Pay now"',
        ]);
        const dead = byCount.issues[0]!;
        expect(dead).toMatchObject({
          culprit: '/checkout',
          count: 3,
          countByPath: { exception: 1, endpoint: 1, replay: 1 },
        });

        const detail = await getJson<IssueDetail>(consumer, `/api/${id}/issues/${dead.id}`);
        expect(detail.occurrences).toHaveLength(3);
        expect(detail.occurrences.find((o) => o.path === 'replay')?.replayId).toBe(replayId);
        expect(detail.replayIds).toEqual([replayId]);
        expect(detail.sessions.sort()).toEqual(['session-a', 'session-b', 'session-c']);
        expect(detail.playbackSessions).toEqual(['session-a']);
        expect(detail.occurrences[0]!.evidence.length).toBeGreaterThan(0);

        // Filters, sort and pages.
        expect(
          (await getJson<IssueList>(consumer, `/api/${id}/issues?type=rage`)).issues.map((i) => i.id),
        ).toEqual([byCount.issues[1]!.id]);
        expect((await getJson<IssueList>(consumer, `/api/${id}/issues?path=replay`)).total).toBe(1);
        expect((await getJson<IssueList>(consumer, `/api/${id}/issues?route=/cart`)).total).toBe(1);
        const page1 = await getJson<IssueList>(consumer, `/api/${id}/issues?sort=last_seen&limit=1`);
        const page2 = await getJson<IssueList>(
          consumer,
          `/api/${id}/issues?sort=last_seen&limit=1&cursor=${page1.nextCursor}`,
        );
        expect(page1.nextCursor).toBe('1');
        expect(page2.nextCursor).toBeNull();
        expect(new Set([page1.issues[0]!.id, page2.issues[0]!.id]).size).toBe(2);
        expect((await apiFetch(consumer, `/api/${id}/issues?sort=sideways`)).status).toBe(400);
        expect((await apiFetch(consumer, `/api/${id}/issues/99999`)).status).toBe(404);

        // Sampling changes at run time: drop every rage click on the endpoint path.
        const put = await apiFetch(consumer, `/api/${id}/sampling`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rate: 1, rules: [{ type: 'rage', path: 'endpoint', rate: 0 }] }),
        });
        expect(put.status).toBe(200);
        const moreRage = clickIssue({ type: 'rage', route: '/cart', sessionId: 'session-d', clickCount: 3 });
        await post(consumer, issuesPath(id, key), issuesBatch([moreRage]));
        await consumer.drain();
        const rageIssue = (await getJson<IssueList>(consumer, `/api/${id}/issues?type=rage`)).issues[0]!;
        expect(rageIssue.count).toBe(1);

        const stats = await getJson<{ paths: Record<string, Record<string, number>> }>(
          consumer,
          `/api/${id}/stats`,
        );
        expect(stats.paths.exception).toMatchObject({ sessions: 1, issues: 1, occurrences: 1, requests: 1 });
        expect(stats.paths.endpoint).toMatchObject({
          sessions: 2,
          issues: 2,
          occurrences: 2,
          requests: 2,
          sampledOut: 1,
        });
        expect(stats.paths.replay).toMatchObject({ sessions: 1, issues: 1, occurrences: 1, requests: 1 });
        expect(stats.paths.playback).toMatchObject({ sessions: 1, requests: 1 });
        expect(stats.paths.replay!.bytesReceived).toBe(segment.length);

        const exported = await getJson<typeof upload>(consumer, `/api/${id}/sessions/session-a/playback`);
        expect(exported).toEqual(upload);

        const health = await getJson<{ status: string; database: string }>(consumer, '/healthz');
        expect(health).toMatchObject({
          status: 'ok',
          database: database.name === 'PGlite' ? 'pglite' : 'postgres',
        });
        const metrics = await (await apiFetch(consumer, '/metrics')).text();
        expect(metrics).toMatch(/playback_occurrences_total\{path="replay",outcome="stored"\} 1/);
        expect(metrics).toMatch(/playback_invalid_issues_total\{path="replay"\} 1/);
      } finally {
        await consumer.close();
      }
    });
  });
}
