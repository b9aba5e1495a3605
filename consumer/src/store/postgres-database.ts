import pg from 'pg';
import { storeError } from '../errors.js';
import { assertIdentifier, type Database, type Row, type Sql } from './database.js';

/** A PostgreSQL server through a connection pool, optionally confined to one schema. */
export async function openPostgresDatabase(url: string, schema?: string): Promise<Database> {
  if (schema) {
    assertIdentifier(schema);
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const wrap = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<R extends Row = Row>(text: string, params: readonly unknown[] = []) {
      try {
        return (await q.query<R>(text, params as unknown[])).rows;
      } catch (error) {
        throw storeError(error);
      }
    },
    // node-postgres prepares a named statement once on each pooled connection.
    async prepared<R extends Row = Row>(name: string, text: string, params: readonly unknown[]) {
      try {
        return (await q.query<R>({ name, text, values: params as unknown[] })).rows;
      } catch (error) {
        throw storeError(error);
      }
    },
  });
  const sql = wrap(pool);
  return {
    kind: 'postgres',
    query: sql.query,
    prepared: sql.prepared,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (script) => {
      await pool.query(script);
    },
    close: () => pool.end(),
  };
}
