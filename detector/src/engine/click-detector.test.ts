import { describe, expect, it } from 'vitest';
import { button, clickOn, collecting } from '../../test/builders.js';
import { type ClickIssue, ClickIssueSchema } from '../model/click-issue.js';
import { ClickDetector } from './click-detector.js';

const pay = button();

describe('dead clicks', () => {
  it('raises dead when nothing reacts within deadTimeoutMs', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 1_000));
    detector.advance(7_999);
    expect(issues).toHaveLength(0);
    detector.advance(8_000);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue).toMatchObject({
      type: 'dead',
      endReason: 'timeout',
      timeAfterClickMs: 7_000,
      clickCount: 1,
      route: '/orders/:id',
      timestamp: 1_000,
      error: null,
    });
    expect(issue!.evidence.map((e) => e.type)).toEqual(['click', 'timeout']);
    expect(ClickIssueSchema.parse(issue)).toEqual(issue);
  });

  it('raises nothing when a reaction comes quickly', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 1_000));
    detector.signal({ t: 1_120, kind: 'mutation' });
    detector.advance(60_000);
    expect(issues).toEqual([]);
  });

  it('honours a custom deadTimeoutMs', () => {
    const { detector, issues } = collecting({ deadTimeoutMs: 4_000, slowThresholdMs: 2_000 });
    detector.click(clickOn(pay, 0));
    detector.advance(4_000);
    expect(issues.map((i) => [i.type, i.timeAfterClickMs])).toEqual([['dead', 4_000]]);
  });

  it('drops and counts a click still waiting when the page goes away, instead of calling it dead', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.flush(2_500);
    detector.advance(60_000);
    expect(issues).toEqual([]);
    expect(detector.stats().droppedAtFlush).toBe(1);
  });

  it('still raises dead for a click whose timeout passed before the flush', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.flush(7_500);
    expect(issues.map((i) => i.type)).toEqual(['dead']);
    expect(detector.stats().droppedAtFlush).toBe(0);
  });

  it('counts a signal that lands exactly on the deadline as too late', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.signal({ t: 7_000, kind: 'mutation' });
    expect(issues.map((i) => i.type)).toEqual(['dead']);
  });
});

describe('slow clicks', () => {
  it('raises slow when the first reaction comes after slowThresholdMs', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.signal({ t: 4_200, kind: 'navigation', detail: '/receipt' });
    detector.advance(10_000);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ type: 'slow', endReason: 'navigation', timeAfterClickMs: 4_200 });
    expect(issues[0]!.evidence).toContainEqual({
      type: 'signal',
      t: 4_200,
      kind: 'navigation',
      detail: '/receipt',
    });
  });

  it('raises nothing when the first reaction comes just before the threshold', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.signal({ t: 2_999, kind: 'mutation' });
    detector.signal({ t: 4_000, kind: 'mutation' });
    detector.advance(10_000);
    expect(issues).toEqual([]);
  });

  it('reports slow at flush when the reaction already came', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.signal({ t: 3_500, kind: 'mutation' });
    detector.flush(3_600);
    expect(issues.map((i) => i.type)).toEqual(['slow']);
  });
});

describe('rage clicks', () => {
  it('raises rage for three clicks on one waiting target within the window', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 300));
    detector.click(clickOn(pay, 600));
    detector.advance(20_000);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ type: 'rage', clickCount: 3, endReason: 'timeout', timestamp: 0 });
  });

  // Edge case decided: a rage episode that never gets an answer is reported as soon as the burst is
  // over (the rage window, or the error window if longer, after its last click), not at the dead
  // timeout: the user's frustration is the news, and waiting 7 s more would lose it when they leave.
  // Its timeAfterClickMs is how long it was watched unanswered, first click to that settle time, and
  // its endReason is 'timeout'. A reaction after that point is not looked for.
  it('settles an unanswered rage when the burst is over, timed from the first click to then', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 300));
    detector.click(clickOn(pay, 600));
    detector.advance(1_599);
    expect(issues).toEqual([]);
    detector.advance(1_600);
    expect(issues.map((i) => [i.type, i.endReason, i.timeAfterClickMs])).toEqual([
      ['rage', 'timeout', 1_600],
    ]);
    detector.signal({ t: 2_000, kind: 'mutation' });
    detector.advance(20_000);
    expect(issues).toHaveLength(1);
  });

  it('keeps absorbing the burst so one frustrated burst is one issue', () => {
    const { detector, issues } = collecting();
    for (let i = 0; i < 8; i++) detector.click(clickOn(pay, i * 250));
    detector.advance(20_000);
    expect(issues.map((i) => [i.type, i.clickCount])).toEqual([['rage', 8]]);
  });

  it('is not rage when the clicks spread beyond the window', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 900));
    detector.click(clickOn(pay, 1_800));
    detector.advance(20_000);
    expect(issues.map((i) => [i.type, i.clickCount])).toEqual([['dead', 3]]);
  });

  it('is not rage for a working stepper clicked fast on purpose', () => {
    const { detector, issues } = collecting();
    const plus = button({ id: 'qty-plus', selector: '#qty-plus', name: 'Increase' });
    for (let i = 0; i < 5; i++) {
      detector.click(clickOn(plus, i * 120));
      detector.signal({ t: i * 120 + 8, kind: 'mutation' });
    }
    detector.advance(20_000);
    expect(issues).toEqual([]);
  });

  it('is not rage when the clicks land on different targets', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(button({ id: 'a', selector: '#a' }), 0));
    detector.click(clickOn(button({ id: 'b', selector: '#b' }), 200));
    detector.click(clickOn(button({ id: 'c', selector: '#c' }), 400));
    detector.advance(20_000);
    expect(issues.map((i) => i.type)).toEqual(['dead', 'dead', 'dead']);
  });

  it('reports the reaction that finally came as the end reason', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 200));
    detector.click(clickOn(pay, 400));
    detector.signal({ t: 900, kind: 'mutation' });
    detector.advance(20_000);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ type: 'rage', endReason: 'mutation', timeAfterClickMs: 900 });
  });

  it('honours rageClickCount', () => {
    const { detector, issues } = collecting({ rageClickCount: 4 });
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 200));
    detector.click(clickOn(pay, 400));
    detector.advance(20_000);
    expect(issues.map((i) => i.type)).toEqual(['dead']);
  });

  it('raises rage at flush: the user left after the burst', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 100));
    detector.click(clickOn(pay, 200));
    detector.flush(250);
    expect(issues.map((i) => i.type)).toEqual(['rage']);
  });
});

describe('error clicks', () => {
  const crash = { type: 'TypeError', message: "Cannot read properties of undefined (reading 'total')" };

  it('raises error for an uncaught error within errorWindowMs of the click', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.error({ t: 40, ...crash, stack: 'at pay (app.js:1:1)' });
    detector.advance(20_000);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ type: 'error', endReason: 'error', timeAfterClickMs: 40 });
    expect(issues[0]!.error).toEqual({ t: 40, ...crash, stack: 'at pay (app.js:1:1)' });
    expect(issues[0]!.evidence).toContainEqual({
      type: 'error',
      t: 40,
      errorType: 'TypeError',
      message: crash.message,
    });
  });

  it('does not blame the click for an error after the window', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.signal({ t: 50, kind: 'mutation' });
    detector.error({ t: 1_001, ...crash });
    detector.advance(20_000);
    expect(issues).toEqual([]);
  });

  it('does not blame a click for an error that came before it', () => {
    const { detector, issues } = collecting();
    detector.error({ t: 0, ...crash });
    detector.click(clickOn(pay, 10));
    detector.signal({ t: 30, kind: 'mutation' });
    detector.advance(20_000);
    expect(issues).toEqual([]);
  });

  it('takes precedence over rage and dead', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.error({ t: 10, ...crash });
    detector.click(clickOn(pay, 200));
    detector.click(clickOn(pay, 400));
    detector.advance(20_000);
    expect(issues.map((i) => [i.type, i.clickCount])).toEqual([['error', 3]]);
  });

  it('blames the latest click when several are within the window', () => {
    const { detector, issues } = collecting();
    const other = button({ id: 'coupon', selector: '#coupon', name: 'Apply coupon' });
    detector.click(clickOn(pay, 0));
    detector.signal({ t: 20, kind: 'mutation' });
    detector.click(clickOn(other, 300));
    detector.error({ t: 350, ...crash });
    detector.advance(20_000);
    expect(issues.map((i) => [i.type, i.target.id])).toEqual([['error', 'coupon']]);
  });

  it('raises error even when the click was otherwise answered', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.signal({ t: 5, kind: 'mutation' });
    detector.error({ t: 500, ...crash });
    detector.advance(20_000);
    expect(issues.map((i) => i.type)).toEqual(['error']);
  });
});

describe('episodes', () => {
  it('raises at most one issue per click episode', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 100));
    detector.click(clickOn(pay, 200));
    detector.error({ t: 300, type: 'Error', message: 'boom' });
    detector.signal({ t: 5_000, kind: 'mutation' });
    detector.advance(60_000);
    expect(issues).toHaveLength(1);
  });

  it('answers a click from a reaction between pointerdown and the click event (dropdown opening on mousedown)', () => {
    const { detector, issues } = collecting();
    const menu = button({ id: 'account-menu', selector: '#account-menu', role: 'button', name: 'Account' });
    detector.signal({ t: 1_005, kind: 'mutation', detail: '#account-menu-list' });
    detector.click(clickOn(menu, 1_090, { pointerDownT: 1_000 }));
    detector.advance(20_000);
    expect(issues).toEqual([]);
  });

  it('does not let a reaction before the pointerdown answer the click', () => {
    const { detector, issues } = collecting();
    detector.signal({ t: 990, kind: 'mutation' });
    detector.click(clickOn(pay, 1_090, { pointerDownT: 1_000 }));
    detector.advance(20_000);
    expect(issues.map((i) => i.type)).toEqual(['dead']);
  });

  it('treats time that goes backwards as the latest time seen', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 5_000));
    detector.signal({ t: 4_000, kind: 'mutation' });
    detector.advance(60_000);
    expect(issues).toEqual([]);
  });

  it('stamps session and replay ids, and ids that repeat for the same input', () => {
    const run = () => {
      const { detector, issues } = collecting({ sessionId: 'session-1' });
      detector.setContext({ replayId: 'replay-1' });
      detector.click(clickOn(pay, 0));
      detector.advance(7_000);
      return issues[0]!;
    };
    const first = run();
    expect(first).toMatchObject({
      sessionId: 'session-1',
      replayId: 'replay-1',
      via: null,
      source: 'playback',
    });
    expect(run().id).toBe(first.id);
  });

  it('stamps the ids its context handler gives when the issue is made', () => {
    const issues: ClickIssue[] = [];
    let ids = { sessionId: 'session-1', replayId: null as string | null };
    const detector = new ClickDetector({}, { onIssue: (issue) => issues.push(issue), context: () => ids });
    detector.click(clickOn(pay, 0));
    // Replay started recording while the click waited: the issue names the replay.
    ids = { sessionId: 'session-1', replayId: 'replay-1' };
    detector.advance(7_000);
    expect(issues).toMatchObject([{ type: 'dead', sessionId: 'session-1', replayId: 'replay-1' }]);
  });

  it('gives different episodes different ids', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(pay, 8_000));
    detector.advance(60_000);
    expect(issues).toHaveLength(2);
    expect(issues[0]!.id).not.toBe(issues[1]!.id);
  });

  it('keeps going when an issue handler throws, and counts it', () => {
    const seen: string[] = [];
    const detector = new ClickDetector(
      {},
      {
        onIssue: (issue) => {
          seen.push(issue.type);
          throw new Error('reporter down');
        },
      },
    );
    detector.click(clickOn(pay, 0));
    detector.click(clickOn(button({ id: 'b', selector: '#b' }), 10));
    expect(() => detector.advance(10_000)).not.toThrow();
    expect(seen).toEqual(['dead', 'dead']);
    expect(detector.stats().handlerErrors).toBe(2);
  });

  it('bounds the evidence kept per issue on a noisy page', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(pay, 0));
    for (let t = 3_100; t < 3_200; t++) detector.signal({ t, kind: 'mutation' });
    detector.advance(10_000);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.evidence.length).toBeLessThanOrEqual(25);
  });

  it('rejects a slow threshold that is not below the dead timeout', () => {
    expect(() => collecting({ slowThresholdMs: 8_000, deadTimeoutMs: 7_000 })).toThrow(/slowThresholdMs/);
  });
});
