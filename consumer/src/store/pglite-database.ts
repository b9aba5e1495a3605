import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PlaybackError, storeError } from '../errors.js';
import type { Database, PreparedOptions, Row, Sql } from './database.js';
import { preparedQueries } from './pglite-prepared.js';

/** Thrown when another live process holds the embedded database: PGlite is single-process. */
export class DatabaseInUseError extends PlaybackError {
  override name = 'DatabaseInUseError';
  constructor(message: string) {
    super(message, { retriable: false });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pid file beside the data directory; a stale one (its process gone) is taken over. */
function lock(dataDir: string): () => void {
  const path = join(dirname(dataDir), `${dataDir.split(/[\\/]/).pop()}.lock`);
  try {
    const holder = Number(readFileSync(path, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DatabaseInUseError(
        `the embedded database at ${dataDir} is in use by process ${holder} ` +
          '(a running `playback serve`?): ask that server instead (--server URL), or stop it first',
      );
    }
  } catch (error) {
    if (error instanceof DatabaseInUseError) throw error;
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

/** A fresh in-memory cluster's data directory, to start later in-memory stores from (see `embeddedTemplate`). */
export async function dumpEmptyPgliteDataDir(): Promise<Blob> {
  const db = new PGlite();
  try {
    await db.waitReady;
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

/** Embedded PostgreSQL (WASM), persisted under `dataDir`, or in memory. */
export async function openPgliteDatabase(dataDir?: string, template?: Blob): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  let unlock = () => {};
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lock(dataDir);
  }
  const db = inMemory ? new PGlite(template ? { loadDataDir: template } : {}) : new PGlite(dataDir);
  try {
    await db.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const wrap = (q: Pick<PGlite, 'query'>): Omit<Sql, 'prepared'> => ({
    async query<R extends Row = Row>(text: string, params: readonly unknown[] = []) {
      try {
        return (await q.query<R>(text, params as unknown[])).rows;
      } catch (error) {
        throw storeError(error);
      }
    },
  });
  // Inside a transaction PGlite runs statements its own way: a prepared one is a plain query there.
  const wrapTransaction = (q: Pick<PGlite, 'query'>): Sql => {
    const sql = wrap(q);
    return { ...sql, prepared: (_name, text, params) => sql.query(text, params) };
  };
  const sql = wrap(db);
  const prepared = preparedQueries(db);
  return {
    kind: 'pglite',
    query: sql.query,
    async prepared<R extends Row = Row>(
      name: string,
      text: string,
      params: readonly unknown[],
      options?: PreparedOptions,
    ) {
      try {
        return await prepared<R>(name, text, params, options);
      } catch (error) {
        throw storeError(error);
      }
    },
    transaction: (fn) => db.transaction((tx) => fn(wrapTransaction(tx))),
    exec: async (script) => {
      await db.exec(script);
    },
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
