// The stores a fault run puts `serve` on, as the environment of the child process and a way to read
// the store afterwards: PGlite in a directory on disk, and a schema of its own on the PostgreSQL server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/open-store.js';
import { POSTGRES_URL } from '../databases.js';

export interface FaultStore {
  name: string;
  env: Record<string, string>;
  open: () => ReturnType<typeof openDatabase>;
  cleanup: () => Promise<void>;
}

export function pgliteOnDisk(): FaultStore {
  const dir = mkdtempSync(join(tmpdir(), 'playback-fault-'));
  const dataDir = join(dir, 'db');
  return {
    name: 'PGlite on disk',
    env: { PLAYBACK_DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresSchema(label: string): FaultStore {
  const schema = `playback_${label}_${process.pid}`;
  return {
    name: 'PostgreSQL',
    env: { PLAYBACK_DATABASE_URL: POSTGRES_URL, PLAYBACK_DATABASE_SCHEMA: schema },
    open: () => openDatabase({ databaseUrl: POSTGRES_URL, schema }),
    cleanup: async () => {
      const db = await openDatabase({ databaseUrl: POSTGRES_URL });
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

/** Both stores, or PGlite alone when PLAYBACK_TEST_POSTGRES_URL=off. */
export const faultStores = (label: string): Array<() => FaultStore> =>
  process.env.PLAYBACK_TEST_POSTGRES_URL === 'off'
    ? [pgliteOnDisk]
    : [pgliteOnDisk, () => postgresSchema(label)];
