// A store that already holds `count` occurrences, filled in SQL (generate_series), not over HTTP: a
// million through ingest would take longer than the bench itself. The rows are shaped like real ones
// (a thousand issues, sessions and replays, a JSON document each) so indexes and pages grow as in use.
import { openDatabase } from '../src/store/open-store.js';
import { Store } from '../src/store/store.js';

const FILL_CHUNK = 100_000;
const FILL_ISSUES = 1_000;

/** Makes the bench project in a fresh store under `dataDir` and fills it; returns the project and key. */
export async function prefilledStore(dataDir: string, count: number) {
  const db = await openDatabase({ dataDir });
  try {
    const store = new Store(db);
    await store.migrate();
    const { project, key } = await store.createProject('bench');
    for (let from = 1; from <= count; from += FILL_CHUNK) {
      const to = Math.min(count, from + FILL_CHUNK - 1);
      await db.query(
        `INSERT INTO occurrences (project_id, id, fingerprint, path, source, session_id, replay_id, occurred_at, data)
         SELECT $1, gen_random_uuid(), 'fill-' || (g % ${FILL_ISSUES}), 'replay', 'playback',
           'fill-session-' || (g % 100000), 'fill-replay-' || (g % 100000),
           timestamptz '2025-01-01' + g * interval '1 second',
           jsonb_build_object('type', 'dead', 'url', 'http://shop.test/checkout', 'route', '/checkout',
             'target', jsonb_build_object('selector', 'button#pay-' || (g % ${FILL_ISSUES}), 'text', 'Pay now'),
             'timeAfterClickMs', 7000, 'evidence', '[{"type":"click","t":0},{"type":"timeout","t":7000}]'::jsonb)
         FROM generate_series($2::int, $3::int) AS g`,
        [project.id, from, to],
      );
    }
    if (count > 0) {
      await db.query(
        `INSERT INTO issues (project_id, fingerprint, type, title, culprit, first_seen, last_seen, count)
         SELECT $1, fingerprint, 'dead', 'Dead click on ' || fingerprint, '/checkout',
           min(occurred_at), max(occurred_at), count(*)::int
         FROM occurrences WHERE project_id = $1 GROUP BY fingerprint`,
        [project.id],
      );
      await db.query(
        `INSERT INTO issue_path_counts (project_id, fingerprint, path, count)
         SELECT project_id, fingerprint, 'replay', count FROM issues WHERE project_id = $1`,
        [project.id],
      );
    }
    return { projectId: project.id, publicKey: key.publicKey };
  } finally {
    await db.close();
  }
}
