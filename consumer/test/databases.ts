// The two stores every store-touching suite runs on: embedded PGlite and the PostgreSQL server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../src/store/database.js';
import { openDatabase } from '../src/store/open-store.js';
import { pgliteTemplate } from './template.js';

export const POSTGRES_URL =
  process.env.PLAYBACK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'PGlite' | 'PostgreSQL';
  /** Options for openDatabase / startConsumer that give this run its own store. */
  options(): { databaseUrl?: string; schema?: string; dataDir?: string };
  open(): Promise<Database>;
  /** Drops what `options()` handed out. */
  cleanup(): Promise<void>;
}

function pglite(): TestDatabase {
  return {
    name: 'PGlite',
    options: () => ({ dataDir: 'memory://' }),
    open: () => openDatabase({ dataDir: 'memory://', embeddedTemplate: pgliteTemplate() }),
    cleanup: async () => {},
  };
}

function postgres(): TestDatabase {
  const schemas: string[] = [];
  const fresh = () => {
    const schema = `playback_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    return { databaseUrl: POSTGRES_URL, schema };
  };
  return {
    name: 'PostgreSQL',
    options: fresh,
    open: () => openDatabase(fresh()),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Both stores, unless PLAYBACK_TEST_POSTGRES_URL=off. */
export function testDatabases(): TestDatabase[] {
  return process.env.PLAYBACK_TEST_POSTGRES_URL === 'off' ? [pglite()] : [pglite(), postgres()];
}
