import { describe, expect, it } from 'vitest';
import { onlyIssue } from '../../test/builders.js';
import {
  breadcrumb,
  click,
  element,
  focus,
  fullSnapshot,
  input,
  mediaPlay,
  meta,
  mouseDown,
  mouseInteraction,
  mutation,
  navigationPush,
  type RrwebEvent,
  scroll,
  selection,
  text,
} from '../../test/fixtures/rrweb/rrweb-events.js';
import { clockAt, FIRST_FREE_ID, SHOP, SHOP_URL, shopPage } from '../../test/fixtures/rrweb/shop-page.js';
import { ClickIssueSchema } from '../model/click-issue.js';
import { detectFromRrweb, detectFromRrwebWithStats } from './detect-from-rrweb.js';

const T0 = 1_763_899_200_000;
/** When the tests' clicks land: the clock has ticked for a while by then. */
const CLICK_T = T0 + 5_000;
/** Long enough after a click for any verdict to be due. */
const END_T = CLICK_T + 10_000;

/** A page load: Meta, full snapshot, and a header clock ticking every second from load to END_T. */
function shopRecording(...events: RrwebEvent[]): RrwebEvent[] {
  const ticks: RrwebEvent[] = [];
  for (let s = 1; T0 + s * 1_000 <= END_T; s++) {
    ticks.push(mutation(T0 + s * 1_000, { texts: [{ id: SHOP.clockText, value: clockAt(s) }] }));
  }
  return [meta(T0, SHOP_URL), fullSnapshot(T0 + 5, shopPage()), ...ticks, ...events].sort(
    (a, b) => a.timestamp - b.timestamp,
  );
}

/** A page load without the clock, for tests about what counts as a reaction. */
function quietRecording(...events: RrwebEvent[]): RrwebEvent[] {
  return [meta(T0, SHOP_URL), fullSnapshot(T0 + 5, shopPage()), ...events, meta(END_T, SHOP_URL)];
}

const payNowClick = (t = CLICK_T) => click(t, SHOP.payNowText, 640, 412);

describe('detectFromRrweb: dead clicks and the page’s own activity', () => {
  it('reports a dead "Pay now" while the header clock keeps ticking', () => {
    const issues = detectFromRrweb(shopRecording(payNowClick()), {
      replayId: 'replay-1',
      sessionId: 'session-1',
    });
    const issue = onlyIssue(issues);
    expect(issue).toMatchObject({
      type: 'dead',
      source: 'rrweb',
      replayId: 'replay-1',
      sessionId: 'session-1',
      url: SHOP_URL,
      route: '/checkout/:id',
      timestamp: CLICK_T,
      timeAfterClickMs: 7_000,
      endReason: 'timeout',
      target: { tagName: 'button', testId: 'pay-now', name: 'Pay now' },
    });
    expect(issue.evidence).toEqual([
      { type: 'click', t: CLICK_T, x: 640, y: 412 },
      { type: 'timeout', t: CLICK_T + 7_000, afterMs: 7_000 },
    ]);
    expect(ClickIssueSchema.safeParse(issue).success).toBe(true);
  });

  it('does not report "Pay now" when a mutation inside the button answers it (a spinner)', () => {
    const spinner = mutation(CLICK_T + 300, {
      adds: [{ parentId: SHOP.payNow, node: element(FIRST_FREE_ID, 'span', { class: 'spinner' }) }],
    });
    expect(detectFromRrweb(shopRecording(payNowClick(), spinner))).toEqual([]);
  });

  it('does not report "Pay now" when the button itself changes (aria-busy)', () => {
    const busy = mutation(CLICK_T + 300, {
      attributes: [{ id: SHOP.payNow, attributes: { 'aria-busy': 'true' } }],
    });
    expect(detectFromRrweb(shopRecording(payNowClick(), busy))).toEqual([]);
  });

  it('takes a change to a part of the page that was quiet before the click as the answer', () => {
    const cartBadge = mutation(CLICK_T + 300, { texts: [{ id: SHOP.titleText, value: 'Checkout (1)' }] });
    expect(detectFromRrweb(shopRecording(payNowClick(), cartBadge))).toEqual([]);
  });

  it('takes a change beside the clicked button as the answer, even where the page changed on its own before', () => {
    const result = (t: number, value: string) =>
      mutation(t, { attributes: [{ id: SHOP.couponResult, attributes: { 'data-state': value } }] });
    const events = shopRecording(result(T0 + 2_000, 'idle'), payNowClick(), result(CLICK_T + 300, 'error'));
    expect(detectFromRrweb(events)).toEqual([]);
  });

  it('does not let a view rendered right after one click hide the next click’s answer there', () => {
    const intoMain = (t: number, id: number) =>
      mutation(t, { adds: [{ parentId: SHOP.main, node: element(id, 'section', { class: 'panel' }) }] });
    const events = quietRecording(
      click(T0 + 1_000, SHOP.summaryLinkText),
      navigationPush(T0 + 1_040, '/checkout/summary'),
      intoMain(T0 + 1_060, FIRST_FREE_ID),
      payNowClick(),
      intoMain(CLICK_T + 3_500, FIRST_FREE_ID + 1),
    );
    expect(detectFromRrweb(events).map((issue) => [issue.type, issue.target.testId])).toEqual([
      ['slow', 'pay-now'],
    ]);
  });

  it('still takes changes there for background when that part of the page kept changing on its own (a feed)', () => {
    const intoMain = (t: number, id: number) =>
      mutation(t, { adds: [{ parentId: SHOP.main, node: element(id, 'section', { class: 'panel' }) }] });
    const feed = [1_000, 2_000, 3_000].map((offset, i) => intoMain(T0 + offset, FIRST_FREE_ID + i));
    const events = quietRecording(...feed, payNowClick(), intoMain(CLICK_T + 3_500, FIRST_FREE_ID + 9));
    expect(detectFromRrweb(events).map((issue) => issue.type)).toEqual(['dead']);
  });

  it('does not take the clock’s tick as the answer, even when it changes its own children', () => {
    const replacedTick = mutation(CLICK_T + 300, {
      removes: [{ parentId: SHOP.clock, id: SHOP.clockText }],
      adds: [{ parentId: SHOP.clock, node: text(FIRST_FREE_ID, '12:00:05') }],
    });
    const { issues, stats } = detectFromRrwebWithStats(shopRecording(payNowClick(), replacedTick));
    expect(issues.map((issue) => issue.type)).toEqual(['dead']);
    expect(stats.backgroundMutations).toBeGreaterThan(5);
  });
});

describe('detectFromRrweb: slow and rage clicks', () => {
  const couponApplied = (t: number) =>
    mutation(t, {
      adds: [
        { parentId: SHOP.couponResult, node: element(FIRST_FREE_ID, 'p', {}) },
        { parentId: FIRST_FREE_ID, node: text(FIRST_FREE_ID + 1, 'SAVE10 applied') },
      ],
    });

  it('reports "Apply coupon" as slow when the result shows after 4 s', () => {
    const issues = detectFromRrweb(
      shopRecording(click(CLICK_T, SHOP.applyCoupon), couponApplied(CLICK_T + 4_000)),
    );
    expect(onlyIssue(issues)).toMatchObject({
      type: 'slow',
      endReason: 'mutation',
      timeAfterClickMs: 4_000,
      target: { id: 'apply-coupon', text: 'Apply coupon' },
    });
    expect(issues[0]!.evidence).toContainEqual({
      type: 'signal',
      t: CLICK_T + 4_000,
      kind: 'mutation',
      detail: '#coupon-result',
    });
  });

  it('does not report "Apply coupon" when the result shows within half a second', () => {
    expect(
      detectFromRrweb(shopRecording(click(CLICK_T, SHOP.applyCoupon), couponApplied(CLICK_T + 500))),
    ).toEqual([]);
  });

  it('reports rage when "Pay now" is clicked three times within a second and nothing answers', () => {
    const burst = [0, 300, 600].map((offset) => payNowClick(CLICK_T + offset));
    const issues = detectFromRrweb(shopRecording(...burst));
    expect(onlyIssue(issues)).toMatchObject({ type: 'rage', clickCount: 3, target: { testId: 'pay-now' } });
  });

  it('does not report a stepper clicked five times fast when each click updates the quantity', () => {
    const events = [0, 150, 300, 450, 600].flatMap((offset, i) => [
      click(CLICK_T + offset, SHOP.qtyPlusText),
      mutation(CLICK_T + offset + 40, { texts: [{ id: SHOP.qtyText, value: String(i + 2) }] }),
    ]);
    const { issues, stats } = detectFromRrwebWithStats(shopRecording(...events));
    expect(issues).toEqual([]);
    expect(stats.detector.judged).toBe(5);
  });
});

describe('detectFromRrweb: every kind of reaction', () => {
  const REACTION_T = CLICK_T + 4_000;
  const reactions: Array<[string, RrwebEvent, string]> = [
    [
      'a mutation',
      mutation(REACTION_T, { attributes: [{ id: SHOP.couponResult, attributes: { class: 'shown' } }] }),
      'mutation',
    ],
    ['a scroll', scroll(REACTION_T, SHOP.document), 'scroll'],
    ['the page setting an input value', input(REACTION_T, SHOP.deliveryDate, '2025-12-01'), 'input'],
    ['a text selection', selection(REACTION_T, SHOP.promoText), 'selection'],
    ['a video starting to play', mediaPlay(REACTION_T, SHOP.promoVideo), 'media'],
    ['focus moving to another element', focus(REACTION_T, SHOP.deliveryDate), 'focus'],
    ['a new page (Meta href)', meta(REACTION_T, 'https://shop.example.com/thanks'), 'navigation'],
    [
      'a Sentry navigation breadcrumb',
      breadcrumb(REACTION_T, 'navigation', { from: '/checkout', to: '/thanks' }),
      'navigation',
    ],
    [
      'a Sentry navigation.push span',
      navigationPush(REACTION_T, 'https://shop.example.com/thanks'),
      'navigation',
    ],
  ];

  it.each(reactions)('a click answered late by %s is slow, ended by that signal', (_name, reaction, kind) => {
    const issues = detectFromRrweb(quietRecording(payNowClick(), reaction));
    expect(issues.map((issue) => [issue.type, issue.endReason, issue.timeAfterClickMs])).toEqual([
      ['slow', kind, 4_000],
    ]);
  });

  const nonReactions: Array<[string, RrwebEvent]> = [
    [
      'a video pausing',
      { ...mediaPlay(REACTION_T, SHOP.promoVideo), data: { source: 7, type: 1, id: SHOP.promoVideo } },
    ],
    [
      'a mouse move',
      {
        type: 3,
        timestamp: REACTION_T,
        data: { source: 1, positions: [{ x: 1, y: 2, id: 4, timeOffset: 0 }] },
      },
    ],
    ['the same page URL again', meta(REACTION_T, SHOP_URL)],
    ['an unrelated Sentry breadcrumb', breadcrumb(REACTION_T, 'console', { logger: 'console' })],
  ];

  it.each(nonReactions)('a click followed only by %s is dead', (_name, event) => {
    const issues = detectFromRrweb(quietRecording(payNowClick(), event));
    expect(issues.map((issue) => issue.type)).toEqual(['dead']);
  });

  it('does not take the user typing into a field as the answer to the click before', () => {
    const typing = {
      ...input(REACTION_T, SHOP.deliveryDate, 'SAVE10'),
      data: { source: 5, id: SHOP.deliveryDate, text: 'SAVE10', isChecked: false, userTriggered: true },
    };
    expect(detectFromRrweb(quietRecording(payNowClick(), typing)).map((issue) => issue.type)).toEqual([
      'dead',
    ]);
  });

  it('does not take the browser focusing the pressed button as its answer', () => {
    const press = [mouseDown(CLICK_T - 90, SHOP.payNowText), focus(CLICK_T - 85, SHOP.payNow), payNowClick()];
    expect(detectFromRrweb(quietRecording(...press)).map((issue) => issue.type)).toEqual(['dead']);
  });

  it('uses the URL of the last navigation for the click and its route', () => {
    const issues = detectFromRrweb(
      quietRecording(navigationPush(CLICK_T - 2_000, '/orders/4521'), payNowClick()),
    );
    expect(issues[0]).toMatchObject({ url: 'https://shop.example.com/orders/4521', route: '/orders/:id' });
  });
});

describe('detectFromRrweb: pointerdown before the click', () => {
  const menuOpens = mutation(CLICK_T - 60, {
    adds: [{ parentId: SHOP.body, node: element(FIRST_FREE_ID, 'ul', { role: 'menu' }) }],
  });

  it('takes a reaction between pointerdown and click (a menu that opens on mousedown) as the answer', () => {
    const press = [mouseDown(CLICK_T - 120, SHOP.payNowText), menuOpens, payNowClick()];
    expect(detectFromRrweb(quietRecording(...press))).toEqual([]);
  });

  it('reports the click dead when the same change came before any press', () => {
    expect(detectFromRrweb(quietRecording(menuOpens, payNowClick())).map((issue) => issue.type)).toEqual([
      'dead',
    ]);
  });
});

describe('detectFromRrweb: targets rebuilt through mutations', () => {
  const retry = FIRST_FREE_ID;
  const retryAdded = mutation(T0 + 1_000, {
    adds: [
      { parentId: SHOP.actions, node: element(retry, 'button', { 'data-testid': 'retry-payment' }) },
      { parentId: retry, node: text(retry + 1, 'Retry payment') },
    ],
  });

  it('judges a click on a button added after the snapshot', () => {
    const issues = detectFromRrweb(quietRecording(retryAdded, click(CLICK_T, retry + 1)));
    expect(onlyIssue(issues).target).toMatchObject({
      testId: 'retry-payment',
      text: 'Retry payment',
      actionable: true,
    });
  });

  it('skips and counts a click on a node that was never added', () => {
    const { issues, stats } = detectFromRrwebWithStats(quietRecording(click(CLICK_T, retry + 1)));
    expect(issues).toEqual([]);
    expect(stats.unknownNodes).toBe(1);
  });

  it('describes the button by its attributes and text at the time of the click', () => {
    const relabelled = mutation(T0 + 1_000, {
      texts: [{ id: SHOP.payNowText, value: 'Pay $42.00' }],
      attributes: [{ id: SHOP.payNow, attributes: { 'data-testid': 'pay-42' } }],
    });
    const issues = detectFromRrweb(quietRecording(relabelled, payNowClick()));
    expect(issues[0]!.target).toMatchObject({ testId: 'pay-42', text: 'Pay $42.00' });
  });

  it('rebuilds the tree from a new full snapshot (a page load)', () => {
    const nextPage = fullSnapshot(
      T0 + 1_000,
      element(1, 'html', {}, [element(2, 'body', {}, [element(3, 'button', { id: 'only' })])]),
    );
    const { issues, stats } = detectFromRrwebWithStats(
      quietRecording(nextPage, payNowClick(), click(CLICK_T + 10, 3)),
    );
    expect(issues.map((issue) => issue.target.id)).toEqual(['only']);
    expect(stats.unknownNodes).toBe(1);
  });
});

describe('detectFromRrweb: clicks that cannot be judged', () => {
  const ignoredClicks: Array<[string, number, string]> = [
    ['a download link', SHOP.invoiceLinkText, 'download'],
    ['a link that opens a new tab', SHOP.helpLinkText, 'new-tab'],
    ['a file input', SHOP.receiptFile, 'native-control'],
    ['a date input', SHOP.deliveryDate, 'native-control'],
    ['a label of a checkbox', SHOP.giftLabelText, 'native-control'],
    ['a disabled button', SHOP.placeOrderText, 'disabled'],
    ['a button inside [data-playback-ignore]', SHOP.chatButtonText, 'ignored'],
    ['plain text', SHOP.promoText, 'not-actionable'],
  ];

  it.each(ignoredClicks)('does not report an unanswered click on %s', (_name, nodeId, reason) => {
    const { issues, stats } = detectFromRrwebWithStats(quietRecording(click(CLICK_T, nodeId)));
    expect(issues).toEqual([]);
    expect(stats.detector.ignored).toEqual({ [reason]: 1 });
  });

  it('reports an unanswered click on an ordinary same-tab link (the twin of the ignored ones)', () => {
    const issues = detectFromRrweb(quietRecording(click(CLICK_T, SHOP.summaryLinkText)));
    expect(issues.map((issue) => [issue.type, issue.target.href])).toEqual([['dead', '/checkout/summary']]);
  });

  it('ignores clicks inside elements matching ignoreSelectors', () => {
    const events = quietRecording(click(CLICK_T, SHOP.summaryLinkText));
    expect(detectFromRrweb(events, { ignoreSelectors: ['a.summary-link'] })).toEqual([]);
    expect(detectFromRrweb(events, { ignoreSelectors: ['a.other-link'] })).toHaveLength(1);
  });
});

describe('detectFromRrweb: the end of the recording', () => {
  it('does not call a click dead when the recording ends before the timeout (the user left)', () => {
    const { issues, stats } = detectFromRrwebWithStats(quietRecording(payNowClick(END_T - 2_000)));
    expect(issues).toEqual([]);
    expect(stats.detector.droppedAtFlush).toBe(1);
  });

  it('reports it dead when told the stream ends later than its last event', () => {
    const issues = detectFromRrweb(quietRecording(payNowClick(END_T - 2_000)), { endT: END_T + 10_000 });
    expect(issues.map((issue) => issue.type)).toEqual(['dead']);
  });
});

describe('detectFromRrweb: errors linked to the replay', () => {
  const error = (t: number) => ({
    t,
    type: 'TypeError',
    message: "Cannot read properties of undefined (reading 'id')",
  });

  it('reports an error click when an error linked to the replay follows the click within a second', () => {
    const issues = detectFromRrweb(shopRecording(payNowClick()), { errors: [error(CLICK_T + 300)] });
    expect(onlyIssue(issues)).toMatchObject({
      type: 'error',
      endReason: 'error',
      timeAfterClickMs: 300,
      error: error(CLICK_T + 300),
    });
  });

  it('keeps the click dead when the error came too late to belong to it', () => {
    const issues = detectFromRrweb(shopRecording(payNowClick()), { errors: [error(CLICK_T + 2_500)] });
    expect(issues.map((issue) => issue.type)).toEqual(['dead']);
  });

  it('skips and counts errors that are not PageErrors', () => {
    const { stats } = detectFromRrwebWithStats(shopRecording(), { errors: [{ t: 'soon' } as never] });
    expect(stats.malformedErrors).toBe(1);
  });
});

describe('detectFromRrweb: input from the wild', () => {
  it('skips and counts malformed and unknown events, and still finds the dead click', () => {
    const junk: unknown[] = [
      null,
      42,
      'event',
      [],
      { type: 3 },
      { type: 3, timestamp: 'yesterday', data: {} },
      { type: 3, timestamp: CLICK_T - 10, data: null },
      { type: 3, timestamp: CLICK_T - 9, data: { source: 2, type: 2 } },
      { type: 4, timestamp: CLICK_T - 8, data: {} },
      { type: 2, timestamp: CLICK_T - 7, data: { node: 'html' } },
      { type: 0, timestamp: CLICK_T - 6, data: {} },
      { type: 6, timestamp: CLICK_T - 5, data: { plugin: 'rrweb/console@1', payload: {} } },
      {
        type: 3,
        timestamp: CLICK_T - 4,
        data: { source: 0, adds: [{ parentId: 9_999, node: {} }], removes: 'all' },
      },
      { type: 5, timestamp: CLICK_T - 3, data: { tag: 'breadcrumb', payload: null } },
    ];
    const events = [
      ...shopRecording(payNowClick()).slice(0, 2),
      ...junk,
      ...shopRecording(payNowClick()).slice(2),
    ];
    const run = () => detectFromRrwebWithStats(events);
    expect(run).not.toThrow();
    const { issues, stats } = run();
    expect(issues.map((issue) => issue.type)).toEqual(['dead']);
    expect(stats.malformed).toBe(10);
    expect(stats.unsupported).toBe(2);
    expect(stats.rejectedChanges).toBe(1);
  });

  it('returns nothing for input that is not an event list', () => {
    expect(detectFromRrweb({ events: [] } as never)).toEqual([]);
  });

  it('reads segments that arrive out of order as one timeline', () => {
    const events = shopRecording(payNowClick());
    const shuffled = [...events.slice(10), ...events.slice(0, 10)];
    expect(detectFromRrweb(shuffled)).toEqual(detectFromRrweb(events));
  });

  it('gives the same issues, with the same ids, for the same recording', () => {
    const events = shopRecording(payNowClick(), payNowClick(CLICK_T + 100));
    expect(detectFromRrweb(events)).toEqual(detectFromRrweb(events));
  });

  it('counts a touch as a press and records its pointer type', () => {
    const touch = {
      ...mouseInteraction(CLICK_T, 2, SHOP.payNowText),
      data: { source: 2, type: 2, id: SHOP.payNowText, x: 1, y: 2, pointerType: 2 },
    };
    const { stats } = detectFromRrwebWithStats(quietRecording(touch));
    expect(stats.detector.issues.dead).toBe(1);
  });
});
