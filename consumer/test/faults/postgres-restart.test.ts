// The fault suite: the PostgreSQL server restarted under a running `serve`. While it is away ingest
// answers 503 with Retry-After (the client sends again); once it is back, ingest recovers without a
// restart of serve, and nothing acknowledged is lost or stored twice.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-store.js';
import { startCrashClients } from './crash-clients.js';
import { faultReport } from './fault-report.js';
import { createProject } from './serve-api.js';
import { ServeProcess, until } from './serve-process.js';
import { ThrowawayPostgres } from './throwaway-postgres.js';

const TOKEN = 'fault-suite-token';

describe.runIf(ThrowawayPostgres.available())('a PostgreSQL restart while serving', () => {
  let postgres: ThrowawayPostgres | null = null;
  afterAll(() => postgres?.destroy());

  it('answers 503 with Retry-After while it is away, recovers, and loses nothing acknowledged', async () => {
    postgres = await ThrowawayPostgres.start();
    const serve = new ServeProcess({
      PLAYBACK_DATABASE_URL: postgres.url,
      PLAYBACK_API_TOKEN: TOKEN,
      // This case is about the restart: clients sending again at full speed must not meet the rate limit.
      PLAYBACK_RATE_LIMIT_PER_SECOND: '100000',
      PLAYBACK_RATE_LIMIT_BURST: '100000',
      PLAYBACK_RATE_LIMIT_ISSUES_PER_SECOND: '1000000',
      PLAYBACK_RATE_LIMIT_BYTES_PER_SECOND: '1000000000',
    });
    try {
      const url = await serve.url();
      const project = await createProject(url, TOKEN, 'restart');
      const publicKey = project.key;
      const clients = startCrashClients({
        url,
        projectId: project.id,
        publicKey,
        clients: 5,
        issuesPerBatch: 5,
      });
      await until('traffic before the restart', async () => clients.tally.acknowledged.size >= 100);

      postgres.stop();
      // While it is away: 503 with Retry-After, on ingest and on /healthz.
      const refused = await until('a 503 from ingest', async () => {
        const response = await fetch(`${url}/api/${project.id}/issues/?sentry_key=${publicKey}`, {
          method: 'POST',
          body: JSON.stringify({ issues: [] }),
        });
        return response.status === 503 ? response : null;
      });
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
      const acknowledgedWhileAway = clients.tally.acknowledged.size;

      postgres.start();
      await until(
        'ingest to recover',
        async () => clients.tally.acknowledged.size >= acknowledgedWhileAway + 100,
      );
      await clients.stop();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      const db = await openDatabase({ databaseUrl: postgres.url });
      const { tally } = clients;
      const report = {
        ...(await faultReport(db, project.id, tally.acknowledged)),
        refusedWith503: tally.otherStatuses[503] ?? 0,
      };
      await db.close();
      console.info('PostgreSQL restart while serving:', report);
      expect(report.refusedWith503).toBeGreaterThan(0);
      expect(Object.keys(tally.otherStatuses)).toEqual(['503']);
      expect(report.lost).toBe(0);
      expect(report.duplicated).toBe(0);
    } finally {
      await serve.kill();
    }
  });
});
