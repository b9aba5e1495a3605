// Named prepared statements on PGlite. PGlite's own `query` parses, describes and plans its statement
// anew on every call; for the occurrence write (a dozen CTEs) planning cost five times its execution
// (EXPLAIN ANALYZE: 9 ms planning, 1.9 ms execution for a batch of ten). Parsed once under a name, the
// statement is bound and executed on later calls.
// PostgreSQL may still plan it again on every Bind: for the replay occurrence write, plan_cache_mode
// auto kept choosing a custom plan, and a batch of 3 replay clicks cost ~4.7 ms, a batch of 32 ~160 ms.
// Asked for (`genericPlan`), the run forces the generic plan, planned once: ~1.6 ms and ~10 ms. Not by
// default: the write without replays was ~15% slower on its generic plan in a store of 300k rows.
// The setting is put back in the same trip into the engine, so PGlite's `query` (the API's reads)
// keeps its custom plans.
import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import type { PreparedOptions, Row } from './database.js';

interface Prepared {
  text: string;
  /** The parameter types PostgreSQL inferred, to serialize values the way PGlite's `query` does. */
  paramTypes: number[];
}

/** Protocol messages back to back, as one buffer: the engine runs them in order, in one call. */
const concat = (parts: readonly Uint8Array[]): Uint8Array => Buffer.concat(parts);

const SYNC = protocol.serialize.sync();
const GENERIC_PLAN = protocol.serialize.query('SET plan_cache_mode = force_generic_plan');
const DEFAULT_PLAN = protocol.serialize.query('RESET plan_cache_mode');

export function preparedQueries(db: PGlite) {
  const statements = new Map<string, Prepared>();
  // The same steps PGlite's `query` takes, without its file sync in between (done once at the end).
  const send = (message: Uint8Array) => db.execProtocolStream(message, { syncToFs: false });

  async function prepare(name: string, text: string): Promise<Prepared> {
    const known = statements.get(name);
    if (known) {
      if (known.text !== text) throw new Error(`prepared statement ${name} was prepared with other text`);
      return known;
    }
    // A statement PostgreSQL refuses is thrown once the Sync has run: the session is left clean.
    const messages = await send(
      concat([
        protocol.serialize.parse({ name, text }),
        protocol.serialize.describe({ type: 'S', name }),
        SYNC,
      ]),
    );
    const prepared = { text, paramTypes: parse.parseDescribeStatementResults(messages) };
    statements.set(name, prepared);
    return prepared;
  }

  /** Runs `text` as the prepared statement `name`, parsed on its first call. Not inside a transaction. */
  return function query<R extends Row = Row>(
    name: string,
    text: string,
    params: readonly unknown[],
    { genericPlan = false }: PreparedOptions = {},
  ) {
    // As PGlite's `query` does: wait for any open transaction, then for any other statement.
    return db._runExclusiveTransaction(() =>
      db.runExclusive(async () => {
        const { paramTypes } = await prepare(name, text);
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = db.serializers[paramTypes[i]!];
          return serializer ? serializer(value) : String(value);
        });
        const statement = [
          protocol.serialize.bind({ statement: name, values }),
          protocol.serialize.describe({ type: 'P' }),
          protocol.serialize.execute({}),
          SYNC,
        ];
        // SET, the statement up to its Sync, RESET: the RESET runs even when the statement fails.
        const messages = await send(
          concat(genericPlan ? [GENERIC_PLAN, ...statement, DEFAULT_PLAN] : statement),
        );
        await db.syncToFs();
        // With the plan setting, the result sets are the SET's, the statement's and the RESET's.
        return parse.parseResults(messages, db.parsers)[genericPlan ? 1 : 0]!.rows as R[];
      }),
    );
  };
}
