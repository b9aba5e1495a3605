// The schema, as an ordered list of migrations. Append; never edit one that shipped.
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'projects, keys, issues, occurrences, sampling, stats, playback sessions',
    statements: [
      `CREATE TABLE projects (
        id serial PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE project_keys (
        public_key text PRIMARY KEY,
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        rate_limit_per_second double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`,
      `CREATE TABLE issues (
        id serial PRIMARY KEY,
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        type text NOT NULL,
        title text NOT NULL,
        culprit text NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        count integer NOT NULL DEFAULT 0,
        count_exception integer NOT NULL DEFAULT 0,
        count_endpoint integer NOT NULL DEFAULT 0,
        count_replay integer NOT NULL DEFAULT 0,
        UNIQUE (project_id, fingerprint)
      )`,
      'CREATE INDEX issues_project_last_seen ON issues (project_id, last_seen DESC)',
      'CREATE INDEX issues_project_count ON issues (project_id, count DESC)',
      `CREATE TABLE occurrences (
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        fingerprint text NOT NULL,
        path text NOT NULL,
        source text NOT NULL,
        session_id text,
        replay_id text,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        data jsonb NOT NULL,
        PRIMARY KEY (project_id, id)
      )`,
      'CREATE INDEX occurrences_group ON occurrences (project_id, fingerprint, occurred_at DESC)',
      `CREATE TABLE sampling (
        project_id integer PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        config jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE path_stats (
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        path text NOT NULL,
        requests bigint NOT NULL DEFAULT 0,
        bytes_received bigint NOT NULL DEFAULT 0,
        drops bigint NOT NULL DEFAULT 0,
        sampled_out bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (project_id, path)
      )`,
      `CREATE TABLE path_sessions (
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        path text NOT NULL,
        session_id text NOT NULL,
        first_seen timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, path, session_id)
      )`,
      `CREATE TABLE playback_sessions (
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        session_id text NOT NULL,
        replay_id text,
        bytes integer NOT NULL,
        metadata jsonb NOT NULL,
        body jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, session_id)
      )`,
    ],
  },
  {
    version: 2,
    name: 'replay segments, kept for re-detection over a whole replay',
    statements: [
      `CREATE TABLE replay_segments (
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        replay_id text NOT NULL,
        segment_id integer NOT NULL,
        events jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, replay_id, segment_id)
      )`,
    ],
  },
  {
    version: 3,
    // playback_sessions (version 1) held uploads from before the playback file existed; it is
    // left as it was, so nothing stored is lost, and nothing reads or writes it any more.
    name: 'sessions: uploaded playback files, and the ids that link them to click issues',
    statements: [
      `CREATE TABLE sessions (
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        id text NOT NULL,
        replay_id text,
        app_name text NOT NULL,
        app_release text,
        url text NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms double precision NOT NULL,
        step_count integer NOT NULL,
        exchange_count integer NOT NULL,
        error_count integer NOT NULL,
        click_issue_count integer NOT NULL,
        sources jsonb NOT NULL,
        bytes integer NOT NULL,
        file jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, id)
      )`,
      'CREATE INDEX sessions_started ON sessions (project_id, started_at DESC, id)',
      // One row per id an occurrence of the same session can carry: the SDK session id, the
      // Sentry replay id, or the click issue's own id.
      `CREATE TABLE session_links (
        project_id integer NOT NULL,
        session_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('session', 'replay', 'occurrence')),
        value text NOT NULL,
        PRIMARY KEY (project_id, session_id, kind, value),
        FOREIGN KEY (project_id, session_id) REFERENCES sessions (project_id, id) ON DELETE CASCADE
      )`,
      'CREATE INDEX session_links_value ON session_links (project_id, kind, value)',
      'CREATE INDEX occurrences_session ON occurrences (project_id, session_id)',
      'CREATE INDEX occurrences_replay ON occurrences (project_id, replay_id)',
    ],
  },
  {
    version: 4,
    name: 'one click, one occurrence: occurrences by replay, issue and click time',
    statements: [
      // Finds the stored reports of one click (same-click.ts) in one index range; its prefix serves
      // every lookup by replay that occurrences_replay served, so that index goes.
      'CREATE INDEX occurrences_same_click ON occurrences (project_id, replay_id, fingerprint, occurred_at)',
      'DROP INDEX occurrences_replay',
    ],
  },
  {
    version: 5,
    name: 'issue counts per path as rows: a new path needs no column',
    statements: [
      `CREATE TABLE issue_path_counts (
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        path text NOT NULL,
        count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (project_id, fingerprint, path)
      )`,
      'CREATE INDEX issue_path_counts_path ON issue_path_counts (project_id, path) WHERE count > 0',
      `INSERT INTO issue_path_counts (project_id, fingerprint, path, count)
        SELECT project_id, fingerprint, 'exception', count_exception FROM issues WHERE count_exception <> 0
        UNION ALL SELECT project_id, fingerprint, 'endpoint', count_endpoint FROM issues WHERE count_endpoint <> 0
        UNION ALL SELECT project_id, fingerprint, 'replay', count_replay FROM issues WHERE count_replay <> 0`,
      'ALTER TABLE issues DROP COLUMN count_exception, DROP COLUMN count_endpoint, DROP COLUMN count_replay',
    ],
  },
  {
    version: 6,
    name: 'scrubbing settings per project (null: the defaults, scrubbing on)',
    statements: ['ALTER TABLE projects ADD COLUMN scrub jsonb'],
  },
];

/** An arbitrary constant: the advisory lock that serializes concurrent migrators. */
const MIGRATION_LOCK_ID = 7_263_418;

/** Applies every migration not yet applied, each in its own transaction. Returns the versions applied. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
      await tx.query(`CREATE TABLE IF NOT EXISTS playback_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await tx.query('SELECT 1 FROM playback_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO playback_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
