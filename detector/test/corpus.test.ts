// Scores the detector on the labelled corpus: precision and recall per issue type.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CLICK_ISSUE_TYPES, ClickIssueTypeSchema } from '../src/model/click-issue.js';
import { SessionEventsSchema } from '../src/model/session-event.js';
import { detectFromSessionEvents } from '../src/session/detect-from-session-events.js';

const CorpusSchema = z.object({
  description: z.string(),
  cases: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      reportedBy: z.string(),
      expect: ClickIssueTypeSchema.nullable(),
      expectTarget: z.string().nullable(),
      pageLeaves: z.boolean(),
      endT: z.number(),
      session: SessionEventsSchema,
    }),
  ),
});

const load = (file: string) =>
  CorpusSchema.parse(JSON.parse(readFileSync(new URL(`./corpus/${file}`, import.meta.url), 'utf8'))).cases;
const cases = [...load('false-positives.json'), ...load('true-positives.json')];

const results = cases.map((c) => {
  const issues = detectFromSessionEvents(c.session.events, {
    sessionId: c.session.sessionId,
    endT: c.endT,
    flushAtEnd: c.pageLeaves,
  });
  return { case: c, issues };
});

describe('labelled corpus', () => {
  it('covers the reported false positives and true positives of every type', () => {
    expect(cases.filter((c) => c.expect === null).length).toBeGreaterThanOrEqual(20);
    for (const type of CLICK_ISSUE_TYPES) expect(cases.some((c) => c.expect === type)).toBe(true);
  });

  it.each(results.map((r) => [r.case.id, r] as const))('%s', (_id, { case: c, issues }) => {
    const got = issues.map((i) => i.type);
    expect(got, c.description).toEqual(c.expect ? [c.expect] : []);
    if (c.expectTarget) expect(issues[0]?.target.testId ?? issues[0]?.target.id).toBe(c.expectTarget);
  });

  it('scores precision and recall of 1 for each type', () => {
    const table = CLICK_ISSUE_TYPES.map((type) => {
      let truePositives = 0;
      let falsePositives = 0;
      let falseNegatives = 0;
      for (const { case: c, issues } of results) {
        const raised = issues.filter((i) => i.type === type).length;
        const expected = c.expect === type ? 1 : 0;
        truePositives += Math.min(raised, expected);
        falsePositives += Math.max(0, raised - expected);
        falseNegatives += Math.max(0, expected - raised);
      }
      const precision = truePositives / Math.max(1, truePositives + falsePositives);
      const recall = truePositives / Math.max(1, truePositives + falseNegatives);
      return { type, truePositives, falsePositives, falseNegatives, precision, recall };
    });
    console.table(table);
    for (const row of table) {
      expect(row.precision, `${row.type} precision`).toBe(1);
      expect(row.recall, `${row.type} recall`).toBe(1);
    }
  });
});
