import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { clickIssue } from '../../test/fixtures.js';
import { playbackFile } from '../../test/playback-file.js';
import { groupClickIssue } from '../pipeline/issue-title.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { Store } from './store.js';

for (const database of testDatabases()) {
  describe(`Store on ${database.name}`, () => {
    let store: Store;
    let applied: number[];
    beforeAll(async () => {
      store = new Store(await database.open());
      applied = await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
      await database.cleanup();
    });

    it('migrates once, creates projects with keys, groups occurrences and stores a repeated id once', async () => {
      {
        expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await store.migrate()).toEqual([]);
        const { project, key } = await store.createProject('shop');
        expect(key.publicKey).toMatch(/^[0-9a-f]{32}$/);
        expect(await store.findKey(key.publicKey)).toMatchObject({ projectId: project.id, revoked: false });
        expect(await store.findKey('0'.repeat(32))).toBeNull();

        const first = clickIssue({ sessionId: 's1', replayId: 'r1' });
        const again = clickIssue({ sessionId: 's2', timestamp: first.timestamp + 60_000 });
        const a = await store.recordOccurrence(project.id, first, 'exception', groupClickIssue(first));
        const b = await store.recordOccurrence(project.id, again, 'endpoint', groupClickIssue(again));
        const dup = await store.recordOccurrence(project.id, first, 'replay', groupClickIssue(first));
        expect(a).toMatchObject({ stored: true, newIssue: true });
        expect(b).toMatchObject({ stored: true, newIssue: false, issueId: a.issueId });
        expect(dup).toMatchObject({ stored: false });

        const list = await store.listIssues(project.id, { limit: 10, offset: 0 });
        expect(list.total).toBe(1);
        expect(list.issues[0]).toMatchObject({
          title: 'Dead click on button "Pay now"',
          culprit: '/checkout',
          count: 2,
          countByPath: { exception: 1, endpoint: 1, replay: 0 },
          firstSeen: new Date(first.timestamp).toISOString(),
          lastSeen: new Date(again.timestamp).toISOString(),
        });
        expect((await store.listIssues(project.id, { path: 'replay', limit: 10, offset: 0 })).total).toBe(0);

        await store.saveSession(project.id, playbackFile({ id: 's1' }), 10);
        const detail = await store.getIssue(project.id, a.issueId!);
        expect(detail?.occurrences.map((o) => o.id).sort()).toEqual([first.id, again.id].sort());
        expect(detail?.replayIds).toEqual(['r1']);
        expect(detail?.sessions.sort()).toEqual(['s1', 's2']);
        expect(detail?.playbackSessions).toEqual(['s1']);
        expect(detail?.occurrences[0]?.evidence.length).toBeGreaterThan(0);

        await store.recordSessions(project.id, 'exception', ['s1', 's1', 's2']);
        await store.recordSessions(project.id, 'exception', ['s2']);
        await store.addPathCounters(project.id, 'exception', {
          requests: 2,
          bytesReceived: 300,
          sampledOut: 1,
        });
        await store.addPathCounters(project.id, 'exception', { requests: 1, bytesReceived: 5_000_000_000 });
        const stats = await store.stats(project.id);
        expect(stats.exception).toEqual({
          sessions: 2,
          issues: 1,
          occurrences: 1,
          requests: 3,
          bytesReceived: 5_000_000_300,
          drops: 0,
          sampledOut: 1,
        });

        await store.setSampling(project.id, { rate: 0.5 });
        expect(await store.getSampling(project.id)).toEqual({ rate: 0.5 });
      }
    });

    it('stores a batch in one go: repeats within the batch and in the store count once', async () => {
      {
        const { project } = await store.createProject('batch');
        const a = clickIssue({ sessionId: 's1' });
        const b = clickIssue({ sessionId: 's2', timestamp: a.timestamp + 1_000 });
        const rage = clickIssue({ type: 'rage', sessionId: 's1' });
        const entry = (issue: typeof a, path: 'exception' | 'endpoint' | 'replay') => ({
          issue,
          path,
          group: groupClickIssue(issue),
        });
        const first = await store.recordOccurrences(project.id, [
          entry(a, 'exception'),
          entry(a, 'replay'),
          entry(b, 'replay'),
          entry(rage, 'endpoint'),
        ]);
        expect(first.map((r) => r.stored)).toEqual([true, false, true, true]);
        expect(first[0]!.issueId).toBe(first[2]!.issueId);
        expect(first[0]!.newIssue).toBe(true);
        const again = await store.recordOccurrences(project.id, [entry(b, 'endpoint'), entry(a, 'endpoint')]);
        expect(again.map((r) => [r.stored, r.repeated])).toEqual([
          [false, true],
          [false, true],
        ]);
        const { issues } = await store.listIssues(project.id, { sort: 'count', limit: 10, offset: 0 });
        expect(issues.map((i) => [i.type, i.count, i.countByPath])).toEqual([
          ['dead', 2, { exception: 1, endpoint: 0, replay: 1 }],
          ['rage', 1, { exception: 0, endpoint: 1, replay: 0 }],
        ]);
      }
    });

    // Only a server can have two migrators at once; PGlite is one process.
    const itOnServer = database.name === 'PGlite' ? () => {} : it;
    itOnServer('lets two migrators race without failing', async () => {
      const db = await database.open();
      try {
        const results = await Promise.all([migrate(db), migrate(db)]);
        expect(results.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await db.close();
      }
    });
  });
}
