// One occurrence the database refuses fails alone: the shared write is retried without it.
import { afterAll, describe, expect, it } from 'vitest';
import { clickIssue } from '../../test/fixtures.js';
import { pgliteTemplate } from '../../test/template.js';
import { openStore } from '../store/open-store.js';
import { groupClickIssue } from './issue-title.js';
import { OccurrenceBatcher } from './occurrence-batcher.js';

describe('OccurrenceBatcher', async () => {
  const store = await openStore({ dataDir: 'memory://', embeddedTemplate: pgliteTemplate() });
  afterAll(() => store.close());

  it('stores the others of a group commit when the database refuses one entry', async () => {
    const { project } = await store.createProject('poison');
    const batcher = new OccurrenceBatcher(store);
    const issues = Array.from({ length: 8 }, () => clickIssue());
    // Past ingest's own check (a bug, an old row): PostgreSQL refuses a NUL in jsonb.
    issues[3]!.target.text = 'Pay\u0000now';
    const results = await Promise.allSettled(
      issues.map((issue) =>
        batcher.write(project.id, { issue, path: 'endpoint', group: groupClickIssue(issue) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await store.countOccurrences(project.id)).toBe(7);
  });
});
