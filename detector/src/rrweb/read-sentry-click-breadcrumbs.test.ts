import { describe, expect, it } from 'vitest';
import { onlyIssue } from '../../test/builders.js';
import { APPLY_COUPON_NODE, PAY_NOW_NODE, QTY_PLUS_NODE } from '../../test/fixtures/rrweb/make-recording.js';
import { breadcrumb, click, multiClick, slowClickDetected } from '../../test/fixtures/rrweb/rrweb-events.js';
import { SHOP, SHOP_URL } from '../../test/fixtures/rrweb/shop-page.js';
import { clickIssueFingerprint } from '../fingerprint/fingerprint.js';
import { ClickIssueSchema } from '../model/click-issue.js';
import { readSentryClickBreadcrumbs } from './read-sentry-click-breadcrumbs.js';

const CLICK_T = 1_763_899_205_000;
const dead = (t = CLICK_T, clickCount = 1) =>
  slowClickDetected(t, PAY_NOW_NODE, {
    endReason: 'timeout',
    timeAfterClickMs: 7_000,
    clickCount,
    url: SHOP_URL,
  });

describe('readSentryClickBreadcrumbs', () => {
  it('reads a slow-click breadcrumb that timed out as a dead click on that element', () => {
    const events = [click(CLICK_T, SHOP.payNowText, 640, 412), dead()];
    const issues = readSentryClickBreadcrumbs(events, { replayId: 'replay-1', sessionId: 'session-1' });
    const issue = onlyIssue(issues);
    expect(issue).toMatchObject({
      type: 'dead',
      source: 'sentry-breadcrumb',
      endReason: 'timeout',
      timeAfterClickMs: 7_000,
      timestamp: CLICK_T,
      url: SHOP_URL,
      route: '/checkout/:id',
      replayId: 'replay-1',
      sessionId: 'session-1',
      via: null,
      target: { tagName: 'button', testId: 'pay-now', id: 'pay', selector: '[data-testid="pay-now"]' },
    });
    expect(issue.evidence).toEqual([
      { type: 'click', t: CLICK_T, x: 640, y: 412 },
      { type: 'timeout', t: CLICK_T + 7_000, afterMs: 7_000 },
    ]);
    expect(issue.fingerprint).toBe(clickIssueFingerprint('dead', '/checkout/:id', issue.target));
    expect(ClickIssueSchema.parse(issue)).toEqual(issue);
  });

  it('gives the same ids for the same recording, and different ids for different replays', () => {
    const first = readSentryClickBreadcrumbs([dead()], { replayId: 'replay-1' });
    const again = readSentryClickBreadcrumbs([dead()], { replayId: 'replay-1' });
    const other = readSentryClickBreadcrumbs([dead()], { replayId: 'replay-2' });
    expect(first[0]!.id).toBe(again[0]!.id);
    expect(first[0]!.id).not.toBe(other[0]!.id);
  });

  it('reads a slow-click breadcrumb answered by a mutation after 4 s as slow', () => {
    const slow = slowClickDetected(CLICK_T, APPLY_COUPON_NODE, {
      endReason: 'mutation',
      timeAfterClickMs: 4_000,
      url: SHOP_URL,
    });
    const issues = readSentryClickBreadcrumbs([slow]);
    expect(onlyIssue(issues)).toMatchObject({
      type: 'slow',
      endReason: 'mutation',
      timeAfterClickMs: 4_000,
      target: { id: 'apply-coupon', text: 'Apply coupon', name: 'Apply coupon' },
    });
    expect(issues[0]!.evidence.at(-1)).toMatchObject({
      type: 'signal',
      kind: 'mutation',
      t: CLICK_T + 4_000,
    });
  });

  it('makes a dead click rage when a multi-click of 3 or more hit the same node within a few seconds', () => {
    const issues = readSentryClickBreadcrumbs([
      dead(),
      multiClick(CLICK_T + 1_200, PAY_NOW_NODE, 4, SHOP_URL),
    ]);
    expect(onlyIssue(issues)).toMatchObject({
      type: 'rage',
      clickCount: 4,
      endReason: 'timeout',
      target: { testId: 'pay-now' },
    });
    expect(issues[0]!.evidence.filter((item) => item.type === 'click').map((item) => item.t)).toEqual([
      CLICK_T,
      CLICK_T + 1_200,
    ]);
  });

  it('keeps the click dead when the multi-click had only 2 clicks', () => {
    const issues = readSentryClickBreadcrumbs([
      dead(),
      multiClick(CLICK_T + 1_200, PAY_NOW_NODE, 2, SHOP_URL),
    ]);
    expect(issues.map((issue) => issue.type)).toEqual(['dead']);
  });

  it('keeps the click dead when the multi-click was on another element', () => {
    const issues = readSentryClickBreadcrumbs([
      dead(),
      multiClick(CLICK_T + 1_200, QTY_PLUS_NODE, 5, SHOP_URL),
    ]);
    expect(issues.map((issue) => [issue.type, issue.target.testId])).toEqual([['dead', 'pay-now']]);
  });

  it('keeps the click dead when the multi-click came long after it', () => {
    const issues = readSentryClickBreadcrumbs([
      dead(),
      multiClick(CLICK_T + 60_000, PAY_NOW_NODE, 5, SHOP_URL),
    ]);
    expect(issues.map((issue) => issue.type)).toEqual(['dead']);
  });

  it('raises nothing for a multi-click on a working stepper', () => {
    expect(readSentryClickBreadcrumbs([multiClick(CLICK_T, QTY_PLUS_NODE, 5, SHOP_URL)])).toEqual([]);
  });

  it('reads a dead click Sentry counted 3 clicks on as rage', () => {
    expect(
      readSentryClickBreadcrumbs([dead(CLICK_T, 3)]).map((issue) => [issue.type, issue.clickCount]),
    ).toEqual([['rage', 3]]);
    expect(readSentryClickBreadcrumbs([dead(CLICK_T, 2)]).map((issue) => issue.type)).toEqual(['dead']);
  });

  it('falls back to the element path when a breadcrumb carries no node', () => {
    const pathOnly = breadcrumb(
      CLICK_T,
      'ui.slowClickDetected',
      { endReason: 'timeout', timeAfterClickMs: 7_000, url: SHOP_URL },
      'body > main > div.actions > button#pay.btn',
    );
    expect(readSentryClickBreadcrumbs([pathOnly])[0]!.target).toMatchObject({
      tagName: 'button',
      selector: 'button#pay.btn',
    });
  });

  it('skips malformed breadcrumbs and everything that is not a click verdict', () => {
    const events: unknown[] = [
      null,
      { type: 5, timestamp: CLICK_T, data: { tag: 'breadcrumb', payload: 'x' } },
      breadcrumb(CLICK_T, 'ui.slowClickDetected', { endReason: 'timeout' }),
      breadcrumb(CLICK_T, 'ui.slowClickDetected', {
        node: PAY_NOW_NODE,
        endReason: 'timeout',
        timeAfterClickMs: -1,
      }),
      breadcrumb(CLICK_T, 'ui.multiClick', { node: PAY_NOW_NODE }),
      breadcrumb(CLICK_T, 'ui.click', { nodeId: SHOP.payNow, node: PAY_NOW_NODE }),
      dead(),
    ];
    expect(() => readSentryClickBreadcrumbs(events)).not.toThrow();
    expect(readSentryClickBreadcrumbs({ events } as never)).toEqual([]);
    expect(readSentryClickBreadcrumbs(events).map((issue) => issue.type)).toEqual(['dead']);
  });

  it('returns issues in click order, whatever order Sentry appended them in', () => {
    const late = dead(CLICK_T + 10_000);
    const early = slowClickDetected(CLICK_T, APPLY_COUPON_NODE, {
      endReason: 'mutation',
      timeAfterClickMs: 3_500,
      url: SHOP_URL,
    });
    expect(readSentryClickBreadcrumbs([late, early]).map((issue) => issue.type)).toEqual(['slow', 'dead']);
  });
});
