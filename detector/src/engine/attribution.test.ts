// Several clicks wait at once: a change answers the click it belongs to, never every waiting click.
import { describe, expect, it } from 'vitest';
import { button, clickOn, collecting } from '../../test/builders.js';
import { ClickIssueSchema } from '../model/click-issue.js';
import type { AnsweredClick } from './click-detector.js';
import { ClickDetector } from './click-detector.js';

const payNow = button({ selector: '#pay', id: 'pay', name: 'Pay now', text: 'Pay now' });
const loadReport = button({ selector: '#load', id: 'load', name: 'Load report', text: 'Load report' });
const coupon = button({ selector: '#coupon', id: 'coupon', name: 'Apply coupon', text: 'Apply coupon' });

describe('attributed answers', () => {
  it('keeps a dead click dead when another click is answered while it waits (the demo case)', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(payNow, 0, { id: 'c1' }));
    detector.click(clickOn(loadReport, 1_000, { id: 'c2' }));
    detector.click(clickOn(coupon, 1_500, { id: 'c3' }));
    // Load report's fetch answers four seconds later, beside its button.
    detector.signal({
      t: 5_000,
      kind: 'mutation',
      detail: 'output',
      answers: 'c2',
      why: 'beside the clicked element',
    });
    detector.advance(20_000);
    const byTarget = Object.fromEntries(issues.map((i) => [i.target.id, i]));
    expect(byTarget.pay?.type).toBe('dead');
    expect(byTarget.load).toMatchObject({ type: 'slow', timeAfterClickMs: 4_000, endReason: 'mutation' });
    expect(byTarget.coupon?.type).toBe('dead');
    for (const issue of issues) expect(ClickIssueSchema.parse(issue)).toEqual(issue);
  });

  it('names the answering change, and the discounted one with its reason', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(payNow, 0, { id: 'c1' }));
    detector.click(clickOn(loadReport, 500, { id: 'c2' }));
    detector.signal({
      t: 900,
      kind: 'mutation',
      detail: 'span',
      answers: null,
      why: 'background: changes every 500 ms',
    });
    detector.signal({
      t: 4_000,
      kind: 'mutation',
      detail: 'output',
      answers: 'c2',
      why: 'made by a fetch the click started',
    });
    detector.advance(20_000);
    const dead = issues.find((i) => i.target.id === 'pay')!;
    expect(dead.evidence).toEqual([
      { type: 'click', t: 0, x: 10, y: 20 },
      {
        type: 'signal',
        t: 900,
        kind: 'mutation',
        detail: 'span',
        verdict: 'discounted',
        why: 'background: changes every 500 ms',
      },
      {
        type: 'signal',
        t: 4_000,
        kind: 'mutation',
        detail: 'output',
        verdict: 'discounted',
        why: 'answers another click (made by a fetch the click started)',
      },
      { type: 'timeout', t: 7_000, afterMs: 7_000 },
    ]);
    const slow = issues.find((i) => i.target.id === 'load')!;
    expect(slow.evidence).toContainEqual({
      type: 'signal',
      t: 4_000,
      kind: 'mutation',
      detail: 'output',
      verdict: 'answer',
      why: 'made by a fetch the click started',
    });
  });

  it('names a repeated discounted change once, so a ticking clock cannot fill the evidence', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(payNow, 0, { id: 'c1' }));
    for (let t = 100; t < 7_000; t += 100) {
      detector.signal({ t, kind: 'mutation', detail: 'span', answers: null, why: 'background' });
    }
    detector.advance(8_000);
    expect(issues[0]!.evidence.map((e) => e.type)).toEqual(['click', 'signal', 'timeout']);
  });

  it('answers every click of a burst on one element', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(payNow, 0, { id: 'c1' }));
    detector.click(clickOn(payNow, 300, { id: 'c2' }));
    detector.signal({ t: 400, kind: 'mutation', answers: 'c2' });
    detector.advance(20_000);
    expect(issues).toEqual([]);
  });

  it('lets an unattributed signal answer every waiting click, as the offline readers need', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(payNow, 0, { id: 'c1' }));
    detector.click(clickOn(loadReport, 100, { id: 'c2' }));
    detector.signal({ t: 200, kind: 'mutation' });
    detector.advance(20_000);
    expect(issues).toEqual([]);
  });

  it('keeps a press-time answer to the click that pressed, not to another', () => {
    const { detector, issues } = collecting();
    detector.signal({ t: 950, kind: 'mutation', answers: 'other' });
    detector.click(clickOn(payNow, 1_000, { id: 'c1', pointerDownT: 900 }));
    detector.advance(20_000);
    expect(issues.map((i) => i.type)).toEqual(['dead']);
    const { detector: d2, issues: i2 } = collecting();
    d2.signal({ t: 950, kind: 'mutation', answers: 'c1', why: 'opened on mousedown' });
    d2.click(clickOn(payNow, 1_000, { id: 'c1', pointerDownT: 900 }));
    d2.advance(20_000);
    expect(i2).toEqual([]);
  });

  it('reports answered clicks with their evidence in debug mode', () => {
    const answered: AnsweredClick[] = [];
    const detector = new ClickDetector({}, { onIssue: () => {}, onAnswered: (a) => answered.push(a) });
    detector.click(clickOn(payNow, 0, { id: 'c1' }));
    detector.signal({
      t: 120,
      kind: 'mutation',
      detail: 'div',
      answers: 'c1',
      why: 'in the click’s own task',
    });
    detector.advance(5_000);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ timestamp: 0, timeAfterClickMs: 120 });
    expect(answered[0]!.evidence).toContainEqual({
      type: 'signal',
      t: 120,
      kind: 'mutation',
      detail: 'div',
      verdict: 'answer',
      why: 'in the click’s own task',
    });
  });

  it('gives an error to the click whose code threw, not to a later click in the window', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(payNow, 0, { id: 'c1' }));
    detector.click(clickOn(loadReport, 200, { id: 'c2' }));
    detector.signal({ t: 250, kind: 'mutation', answers: 'c2' });
    detector.error({ t: 300, type: 'TypeError', message: 'x is undefined', clickId: 'c1' });
    detector.advance(20_000);
    expect(issues.map((i) => [i.type, i.target.id])).toEqual([['error', 'pay']]);
  });
});

describe('an error is an error whatever was clicked', () => {
  const checkbox = button({ tagName: 'input', type: 'checkbox', selector: '#agree', id: 'agree' });
  const newTab = button({ tagName: 'a', selector: '#help', id: 'help', targetAttr: '_blank', href: '/help' });

  it('raises error for a native control whose handler throws, but never dead', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(checkbox, 0));
    detector.error({ t: 50, type: 'TypeError', message: 'boom' });
    detector.click(clickOn(checkbox, 5_000));
    detector.advance(30_000);
    expect(issues.map((i) => [i.type, i.target.id, i.timeAfterClickMs])).toEqual([['error', 'agree', 50]]);
    expect(detector.stats().ignored).toEqual({ 'native-control': 2 });
    expect(detector.stats().droppedAtFlush).toBe(0);
  });

  it('raises error for a link another rule spares, and lets the waiting-state ignore it', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(newTab, 0));
    expect(detector.isWaiting()).toBe(false);
    detector.error({ t: 400, type: 'Error', message: 'analytics failed' });
    detector.advance(30_000);
    expect(issues.map((i) => i.type)).toEqual(['error']);
  });

  it('keeps an explicitly opted-out element out of detection, errors included', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(button({ ignored: true }), 0));
    detector.error({ t: 50, type: 'TypeError', message: 'boom' });
    detector.advance(30_000);
    expect(issues).toEqual([]);
  });

  it('does not count an ignored click as dropped when the page goes away', () => {
    const { detector, issues } = collecting();
    detector.click(clickOn(checkbox, 0));
    detector.flush(100);
    expect(issues).toEqual([]);
    expect(detector.stats().droppedAtFlush).toBe(0);
  });
});
