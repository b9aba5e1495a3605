// Opens the store the options name — PGlite on disk or in memory, or a PostgreSQL server — and brings its
// schema up to date.
import { DEFAULT_DATA_DIR } from '../constants.js';
import type { Database, DatabaseOptions } from './database.js';
import { Store } from './store.js';

/** The engine the options name: a PostgreSQL server for `postgres://…`, else PGlite. Loaded on demand, so
 * a process on one engine never loads the other's driver. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgresDatabase } = await import('./postgres-database.js');
    return openPostgresDatabase(options.databaseUrl, options.schema);
  }
  const { openPgliteDatabase } = await import('./pglite-database.js');
  return openPgliteDatabase(options.dataDir, options.embeddedTemplate);
}

export interface StoreLocation {
  /** PGlite data directory (default `.playback/db`); `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** `postgres://…`: use a PostgreSQL server instead of PGlite. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema to use (created if missing). */
  databaseSchema?: string | undefined;
  /** A PGlite data-dir dump an in-memory store starts from. */
  embeddedTemplate?: Blob | undefined;
}

export async function openStore(options: StoreLocation): Promise<Store> {
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
    schema: options.databaseSchema,
    embeddedTemplate: options.embeddedTemplate,
  });
  const store = new Store(db);
  await store.migrate();
  return store;
}
