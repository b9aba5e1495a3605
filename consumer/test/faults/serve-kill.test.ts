// The fault suite, part one: `playback serve` killed with SIGKILL mid-stream, on PGlite on disk and on the
// PostgreSQL server. Every issue ingest acknowledged must be in the store afterwards (lost = 0), each
// once (duplicated = 0), with poisoned payloads among the good ones failing alone.
import { afterAll, describe, expect, it } from 'vitest';
import { startCrashClients } from './crash-clients.js';
import { faultReport } from './fault-report.js';
import { faultStores } from './fault-stores.js';
import { createProject } from './serve-api.js';
import { ServeProcess, until } from './serve-process.js';

const TOKEN = 'fault-suite-token';
/** Acknowledged batches to wait for before the kill: enough that some are in flight when it lands. */
const ACKS_BEFORE_KILL = 60;

describe.each(faultStores('crash'))('kill -9 of serve mid-stream', (makeLocation) => {
  const location = makeLocation();
  afterAll(() => location.cleanup());

  it(`loses and duplicates nothing it acknowledged, on ${location.name}`, async () => {
    const serve = new ServeProcess({ ...location.env, PLAYBACK_API_TOKEN: TOKEN });
    let restarted: ServeProcess | null = null;
    try {
      const url = await serve.url();
      const { id: projectId, key: publicKey } = await createProject(url, TOKEN, 'crash');
      const clients = startCrashClients({
        url,
        projectId,
        publicKey,
        clients: 10,
        issuesPerBatch: 5,
        poisonEvery: 39,
      });
      await until(
        'acknowledged batches',
        async () => clients.tally.acknowledged.size >= ACKS_BEFORE_KILL * 5,
      );
      await serve.kill();
      await clients.stop();
      const { tally } = clients;

      const db = await location.open();
      const report = {
        ...(await faultReport(db, projectId, tally.acknowledged)),
        poisonedRefused: tally.refused,
        unanswered: tally.unanswered,
      };
      await db.close();
      console.info(`kill -9 of serve on ${location.name}:`, report);
      expect(tally.otherStatuses).toEqual({});
      expect(tally.refused).toBeGreaterThan(0);
      expect(report.lost).toBe(0);
      expect(report.duplicated).toBe(0);
      // What was stored but never acknowledged (in flight at the kill) is allowed, not owed.
      expect(report.stored).toBeGreaterThanOrEqual(report.acknowledged);

      // The store opens again after the crash and the server takes traffic.
      restarted = new ServeProcess({ ...location.env, PLAYBACK_API_TOKEN: TOKEN });
      const again = await restarted.url();
      const health = await fetch(`${again}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await serve.kill();
      await restarted?.kill();
    }
  });
});
