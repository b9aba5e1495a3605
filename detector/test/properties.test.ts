// Property tests: for any interleaving of clicks, signals and errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClickDetector } from '../src/engine/click-detector.js';
import { type ClickIssue, ClickIssueSchema } from '../src/model/click-issue.js';
import type { SignalKind } from '../src/model/signal.js';
import { button, clickOn } from './builders.js';

type Step =
  | { type: 'click'; t: number; target: number; pointerDown: number | null }
  | { type: 'signal'; t: number; kind: SignalKind }
  | { type: 'error'; t: number }
  | { type: 'advance'; t: number };

const TARGETS = [
  button(),
  button({ id: 'save', selector: '#save' }),
  button({ id: 'next', selector: '#next' }),
];
const SLOW_THRESHOLD_MS = 3_000;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant('click' as const),
    t: fc.integer({ min: 0, max: 30_000 }),
    target: fc.integer({ min: 0, max: TARGETS.length - 1 }),
    pointerDown: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  }),
  fc.record({
    type: fc.constant('signal' as const),
    t: fc.integer({ min: 0, max: 30_000 }),
    kind: fc.constantFrom<SignalKind>('mutation', 'navigation', 'scroll', 'focus'),
  }),
  fc.record({ type: fc.constant('error' as const), t: fc.integer({ min: 0, max: 30_000 }) }),
);

const sessionArb = fc.array(stepArb, { maxLength: 60 }).map((steps) => [...steps].sort((a, b) => a.t - b.t));

function run(steps: readonly Step[], end: 'flush' | 'advance' = 'advance') {
  const issues: ClickIssue[] = [];
  const detector = new ClickDetector({}, { onIssue: (issue) => issues.push(issue) });
  for (const step of steps) {
    if (step.type === 'click') {
      const pointerDownT = step.pointerDown === null ? undefined : step.t - step.pointerDown;
      detector.click(
        clickOn(TARGETS[step.target]!, step.t, pointerDownT === undefined ? {} : { pointerDownT }),
      );
    } else if (step.type === 'signal') detector.signal({ t: step.t, kind: step.kind });
    else if (step.type === 'error') detector.error({ t: step.t, type: 'Error', message: 'boom' });
    else detector.advance(step.t);
  }
  if (end === 'flush') detector.flush(40_000);
  else detector.advance(60_000);
  return { issues, stats: detector.stats() };
}

describe('ClickDetector properties', () => {
  it('raises at most one issue per episode: no click is counted twice, ids are unique', () => {
    fc.assert(
      fc.property(sessionArb, fc.constantFrom<'flush' | 'advance'>('flush', 'advance'), (steps, end) => {
        const { issues, stats } = run(steps, end);
        const clicksInIssues = issues.reduce((sum, issue) => sum + issue.clickCount, 0);
        expect(clicksInIssues).toBeLessThanOrEqual(stats.judged);
        expect(new Set(issues.map((i) => i.id)).size).toBe(issues.length);
        expect(stats.open).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('never calls a click dead or slow when a reaction came before slowThresholdMs', () => {
    fc.assert(
      fc.property(sessionArb, (steps) => {
        for (const issue of run(steps).issues) {
          if (issue.type !== 'dead' && issue.type !== 'slow') continue;
          // A reaction counts only after the click in stream order: one seen just before it,
          // even in the same ms, was not caused by it.
          const clickIndex = steps.findIndex(
            (s) => s.type === 'click' && s.t === issue.timestamp && TARGETS[s.target] === issue.target,
          );
          const answeredFast = steps
            .slice(clickIndex + 1)
            .some((s) => s.type === 'signal' && s.t < issue.timestamp + SLOW_THRESHOLD_MS);
          expect(clickIndex).toBeGreaterThanOrEqual(0);
          expect(answeredFast).toBe(false);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('raises nothing for a lone click answered before slowThresholdMs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SLOW_THRESHOLD_MS - 1 }), (answerAfter) => {
        const { issues } = run([
          { type: 'click', t: 1_000, target: 0, pointerDown: null },
          { type: 'signal', t: 1_000 + answerAfter, kind: 'mutation' },
        ]);
        expect(issues).toEqual([]);
      }),
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(sessionArb, (steps) => {
        expect(run(steps)).toEqual(run(steps));
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on how often time is advanced between events', () => {
    fc.assert(
      fc.property(
        sessionArb,
        fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 30 }),
        (steps, ticks) => {
          const withTicks = [...steps, ...ticks.map((t): Step => ({ type: 'advance', t }))].sort(
            // Advances go after events of the same ms, as a timer firing later would.
            (a, b) => a.t - b.t || Number(a.type === 'advance') - Number(b.type === 'advance'),
          );
          expect(run(withTicks).issues).toEqual(run(steps).issues);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('only emits issues that validate against ClickIssueSchema', () => {
    fc.assert(
      fc.property(sessionArb, (steps) => {
        for (const issue of run(steps, 'flush').issues)
          expect(ClickIssueSchema.safeParse(issue).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
