// The fault suite, a full disk: `serve` on PGlite in a small file system of its own, filled up while
// clients post endpoint batches. While it is full, ingest answers 503 with Retry-After for what the
// store cannot take, and acknowledges nothing it did not store; once space returns it recovers without
// a restart. Counted by id afterwards: lost 0, duplicated 0.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-store.js';
import { startCrashClients } from './crash-clients.js';
import { faultReport } from './fault-report.js';
import { createProject, postIssues } from './serve-api.js';
import { CliProcess, ServeProcess, until } from './serve-process.js';
import { SmallDisk } from './small-disk.js';

const TOKEN = 'full-disk-token';
/** Room for a fresh database (about 40 MB) and some traffic; then the filler takes the rest. */
const DISK_MB = 128;
const ISSUES_AROUND_FAULT = 100;

const disk = SmallDisk.mount(DISK_MB);
if (!(disk instanceof SmallDisk)) console.warn(`full-disk test not run: mount refused (${disk.refused})`);

describe.runIf(disk instanceof SmallDisk)('a full disk under serve', { timeout: 180_000 }, () => {
  const small = disk as SmallDisk;
  afterAll(() => small.unmount());

  it('answers 503 with Retry-After while full, stores all it acknowledged, and recovers when space returns', async () => {
    const env = { PLAYBACK_DATA_DIR: join(small.dir, 'db'), PLAYBACK_API_TOKEN: TOKEN };
    const migrate = new CliProcess(['migrate'], env);
    expect(await migrate.exit(), migrate.lines.join('\n')).toBe(0);
    const serve = new ServeProcess(env);
    try {
      const url = await serve.url();
      const project = await createProject(url, TOKEN, 'full');
      const clients = startCrashClients({
        url,
        projectId: project.id,
        publicKey: project.key,
        clients: 3,
        issuesPerBatch: 5,
      });
      const { tally } = clients;
      await until(
        'traffic before the disk fills',
        async () => tally.acknowledged.size >= ISSUES_AROUND_FAULT,
      );

      small.fill();
      const refused = await until('a 503 from ingest', async () => {
        const response = await postIssues(url, project);
        return response.status === 503 ? response : null;
      });
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/No space left on device/);

      small.empty();
      const atRecovery = tally.acknowledged.size;
      await until(
        'ingest to recover',
        async () => tally.acknowledged.size >= atRecovery + ISSUES_AROUND_FAULT,
      );
      await clients.stop();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      await serve.kill();

      const db = await openDatabase({ dataDir: env.PLAYBACK_DATA_DIR });
      const report = {
        ...(await faultReport(db, project.id, tally.acknowledged)),
        refusedWith503: tally.otherStatuses[503] ?? 0,
      };
      await db.close();
      console.info('full disk under serve:', report);
      // Nothing but 200 and 503: a full disk is not a 500.
      expect(Object.keys(tally.otherStatuses).filter((status) => status !== '503')).toEqual([]);
      expect(report.lost).toBe(0);
      expect(report.duplicated).toBe(0);
    } finally {
      await serve.kill();
    }
  });
});
