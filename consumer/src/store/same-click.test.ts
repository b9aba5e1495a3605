import type { ClickIssue, ReportPath as IssuePath } from '@playback/detector';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { clickIssue } from '../../test/fixtures.js';
import { groupClickIssue } from '../pipeline/issue-title.js';
import type { Sql } from './database.js';
import { openDatabase } from './open-store.js';
import { Store } from './store.js';

const T = 1_760_000_000_000;

/** The SDK's own report of a dead click on Pay now in replay `replayId`. */
const reported = (replayId: string, overrides: Partial<ClickIssue> = {}) =>
  clickIssue({ sessionId: 'sdk-session', replayId, timestamp: T, ...overrides });

/** The consumer's copy of that click, derived from the recording under an id of its own. */
const derived = (replayId: string, overrides: Partial<ClickIssue> = {}) =>
  clickIssue({ source: 'rrweb', sessionId: null, replayId, timestamp: T + 40, ...overrides });

const entry = (issue: ClickIssue, path: IssuePath) => ({ issue, path, group: groupClickIssue(issue) });

for (const database of testDatabases()) {
  describe(`one click, one occurrence, in the store on ${database.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = new Store(await database.open());
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
      await database.cleanup();
    });

    /** The one dead-click issue of a project, with its occurrences as [id, source, path]. */
    const deadIssue = async (from: Store, projectId: number) => {
      const { issues } = await from.listIssues(projectId, { type: 'dead', limit: 10, offset: 0 });
      expect(issues).toHaveLength(1);
      const detail = await from.getIssue(projectId, issues[0]!.id);
      return { ...issues[0]!, occurrences: detail!.occurrences.map((o) => [o.id, o.source, o.path]) };
    };

    it("takes Sentry's click breadcrumbs for copies too, and keeps the SDK's report in one batch", async () => {
      const { project } = await store.createProject('copies');
      const sdk = reported('r1');
      const fromSentry = derived('r1', { source: 'sentry-breadcrumb', timestamp: T - 300 });
      const fromRrweb = derived('r1');
      // The copies come first in the batch; the SDK's report is still the one stored.
      const results = await store.recordOccurrences(project.id, [
        entry(fromSentry, 'replay'),
        entry(fromRrweb, 'replay'),
        entry(sdk, 'replay'),
      ]);
      expect(results.map((r) => r.stored)).toEqual([false, false, true]);
      // Later copies of the same click, re-derived from a longer recording, are not stored either.
      await store.recordOccurrences(project.id, [entry(derived('r1', { timestamp: T + 900 }), 'replay')]);
      expect(await deadIssue(store, project.id)).toMatchObject({
        count: 1,
        occurrences: [[sdk.id, 'playback', 'replay']],
      });
    });

    it('replaces the first copy of a click with the SDK report, however many copies came before', async () => {
      const { project } = await store.createProject('replace');
      const copy = derived('r1');
      await store.recordOccurrences(project.id, [entry(copy, 'replay')]);
      await store.recordOccurrences(project.id, [
        entry(derived('r1', { source: 'sentry-breadcrumb' }), 'replay'),
      ]);
      expect(await deadIssue(store, project.id)).toMatchObject({
        count: 1,
        countByPath: { exception: 0, endpoint: 0, replay: 1 },
        occurrences: [[copy.id, 'rrweb', 'replay']],
      });
      const sdk = reported('r1');
      const [recorded] = await store.recordOccurrences(project.id, [entry(sdk, 'exception')]);
      expect(recorded).toMatchObject({ stored: true, replaced: true, newIssue: false });
      expect(await deadIssue(store, project.id)).toMatchObject({
        count: 1,
        countByPath: { exception: 1, endpoint: 0, replay: 0 },
        occurrences: [[sdk.id, 'playback', 'exception']],
      });
      // The SDK's report delivered again is a repeat of its id, as before.
      const [again] = await store.recordOccurrences(project.id, [entry(sdk, 'exception')]);
      expect(again).toMatchObject({ stored: false, repeated: true });
      expect((await deadIssue(store, project.id)).count).toBe(1);
    });

    it('keeps apart what is not the same click: another replay, another kind, another moment', async () => {
      const { project } = await store.createProject('apart');
      await store.recordOccurrences(project.id, [entry(reported('r1'), 'exception')]);
      const others = [
        derived('r2'),
        derived('r1', { type: 'rage', clickCount: 3 }),
        derived('r1', { timestamp: T + 2_000 }),
        derived('r1', { timestamp: T - 2_000 }),
      ];
      const results = await store.recordOccurrences(
        project.id,
        others.map((issue) => entry(issue, 'replay')),
      );
      expect(results.map((r) => r.stored)).toEqual([true, true, true, true]);
      expect((await deadIssue(store, project.id)).count).toBe(4);
    });

    it('matches a click stamped in seconds with its copy stamped in milliseconds', async () => {
      const { project } = await store.createProject('seconds');
      const sdk = reported('r1', { timestamp: T / 1000 });
      await store.recordOccurrences(project.id, [entry(sdk, 'endpoint')]);
      await store.recordOccurrences(project.id, [entry(derived('r1'), 'replay')]);
      const issue = await deadIssue(store, project.id);
      expect(issue).toMatchObject({ count: 1, firstSeen: new Date(T).toISOString() });
    });

    // Only a server runs two writers at once; PGlite is one process.
    const itOnServer = database.name === 'PGlite' ? () => {} : it;
    itOnServer(
      'stores one occurrence when another consumer writes a copy of the click at the same time',
      async () => {
        // Two consumers of one group on one schema. The other one's work stays in a transaction that
        // commits only when ours has finished or waits for it.
        const options = database.options();
        const db = await openDatabase(options);
        const ours = new Store(db);
        await ours.migrate();
        const other = new pg.Client({
          connectionString: options.databaseUrl,
          options: `-c search_path=${options.schema}`,
        });
        await other.connect();
        try {
          const { project } = await ours.createProject('race');
          await other.query('BEGIN');
          const query: Sql['query'] = async (text, params = []) =>
            (await other.query(text, [...params])).rows;
          const held: Sql = { query, prepared: (_name, text, params) => query(text, params) };
          const theirs = new Store({
            kind: 'postgres',
            ...held,
            transaction: (fn) => fn(held),
            exec: async () => {},
            close: async () => {},
          });
          await theirs.recordOccurrences(project.id, [entry(derived('r1'), 'replay')]);
          const [{ pid }] = (await other.query('SELECT pg_backend_pid() AS pid')).rows;
          let done = false;
          const sdk = reported('r1');
          const write = ours.recordOccurrences(project.id, [entry(sdk, 'exception')]).finally(() => {
            done = true;
          });
          // Ours finishes, or waits for the other writer; only then does the other commit.
          while (!done) {
            const [blocked] = await db.query(
              'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))',
              [pid],
            );
            if (Number(blocked?.n) > 0) break;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          await other.query('COMMIT');
          await write;
          expect(await deadIssue(ours, project.id)).toMatchObject({
            count: 1,
            occurrences: [[sdk.id, 'playback', 'exception']],
          });
        } finally {
          await other.end();
          await ours.close();
        }
      },
    );
  });
}
