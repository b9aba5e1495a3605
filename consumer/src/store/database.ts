// One SQL dialect over two engines: embedded PGlite or a PostgreSQL server.

export type Row = Record<string, unknown>;

export interface Sql {
  /** Runs one parameterized statement ($1, $2…) and returns its rows. */
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Runs `text` as the prepared statement `name` (parsed once per connection, then bound and
   * executed): for the hot write path, where planning costs more than running.
   */
  prepared<R extends Row = Row>(
    name: string,
    text: string,
    params: readonly unknown[],
    options?: PreparedOptions,
  ): Promise<R[]>;
}

export interface PreparedOptions {
  /**
   * Run on the generic plan, planned once, where PostgreSQL would plan again on every call (see
   * pglite-prepared.ts). PGlite honours it; on a server the caller sets it for its transaction.
   */
  genericPlan?: boolean;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects a PostgreSQL server; otherwise PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` or undefined keeps it in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL schema to use (created if missing): isolates test runs. */
  schema?: string | undefined;
  /**
   * A PGlite data directory dump (`PGlite#dumpDataDir`) that an in-memory store starts from instead of
   * running initdb: seconds saved per start, for tests and CI.
   */
  embeddedTemplate?: Blob | undefined;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a valid schema name: ${JSON.stringify(name)}`);
  return name;
}
