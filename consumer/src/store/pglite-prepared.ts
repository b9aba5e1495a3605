// Named prepared statements on PGlite. PGlite's own `query` parses, describes and plans its statement
// anew on every call; for the occurrence write (a dozen CTEs) planning cost five times its execution
// (EXPLAIN ANALYZE: 9 ms planning, 1.9 ms execution for a batch of ten). Parsed once under a name, the
// statement is bound and executed on later calls.
// PostgreSQL would still plan it again on every Bind (plan_cache_mode auto keeps choosing a custom
// plan for these array-parameter statements): the run forces the generic plan, planned once, which
// halved the write of one to three occurrences and took a batch of 32 replay clicks from ~160 ms to
// ~10 ms. The statements are written for lookups by index whatever the parameters, so one plan fits.
// Only these statements run that way: the setting is put back in the same trip into the engine, and
// PGlite's `query` (the API's reads) keeps its custom plans.
import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import type { Row } from './database.js';

interface Prepared {
  text: string;
  /** The parameter types PostgreSQL inferred, to serialize values the way PGlite's `query` does. */
  paramTypes: number[];
}

/** Protocol messages back to back, as one buffer: the engine runs them in order, in one call. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

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
  return function query<R extends Row = Row>(name: string, text: string, params: readonly unknown[]) {
    // As PGlite's `query` does: wait for any open transaction, then for any other statement.
    return db._runExclusiveTransaction(() =>
      db.runExclusive(async () => {
        const { paramTypes } = await prepare(name, text);
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = db.serializers[paramTypes[i]!];
          return serializer ? serializer(value) : String(value);
        });
        // SET, the statement up to its Sync, RESET: the RESET runs even when the statement fails.
        const messages = await send(
          concat([
            GENERIC_PLAN,
            protocol.serialize.bind({ statement: name, values }),
            protocol.serialize.describe({ type: 'P' }),
            protocol.serialize.execute({}),
            SYNC,
            DEFAULT_PLAN,
          ]),
        );
        await db.syncToFs();
        // Result sets: the SET's, the statement's, the RESET's.
        return parse.parseResults(messages, db.parsers)[1]!.rows as R[];
      }),
    );
  };
}
