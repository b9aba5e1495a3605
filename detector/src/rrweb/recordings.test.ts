import { describe, expect, it } from 'vitest';
import { makeShopRecording } from '../../test/fixtures/rrweb/make-recording.js';
import ordersSpaErrors from '../../test/fixtures/rrweb/orders-spa.errors.json' with { type: 'json' };
import ordersSpa from '../../test/fixtures/rrweb/orders-spa.json' with { type: 'json' };
import shopCheckout from '../../test/fixtures/rrweb/shop-checkout.json' with { type: 'json' };
import { ClickIssueSchema } from '../model/click-issue.js';
import { detectFromRrweb, detectFromRrwebWithStats } from './detect-from-rrweb.js';
import { readSentryClickBreadcrumbs } from './read-sentry-click-breadcrumbs.js';

/** Type, element and click count: what a developer reads first in an issue list. */
const summary = (issues: ReturnType<typeof detectFromRrweb>) =>
  issues.map((issue) => [issue.type, issue.target.testId ?? issue.target.id, issue.clickCount]);

describe('the shop checkout recording (Sentry Replay, with Sentry’s own breadcrumbs)', () => {
  const events: unknown[] = shopCheckout;

  it('finds the dead "Pay now", the slow "Apply coupon" and the rage on "Pay now", and nothing on the stepper', () => {
    const { issues, stats } = detectFromRrwebWithStats(events, { replayId: 'replay-shop' });
    expect(summary(issues)).toEqual([
      ['dead', 'pay-now', 1],
      ['slow', 'apply-coupon', 1],
      ['rage', 'pay-now', 4],
    ]);
    expect(issues.every((issue) => ClickIssueSchema.safeParse(issue).success)).toBe(true);
    expect(stats).toMatchObject({ malformed: 0, unknownNodes: 0 });
    // The five stepper clicks were judged, and every one was answered.
    expect(stats.detector.judged).toBe(11);
  });

  it('agrees with Sentry’s verdicts, and groups each issue under the same fingerprint', () => {
    const ours = detectFromRrweb(events, { replayId: 'replay-shop' });
    const sentry = readSentryClickBreadcrumbs(events, { replayId: 'replay-shop' });
    expect(summary(sentry)).toEqual(summary(ours));
    expect(sentry.map((issue) => issue.fingerprint)).toEqual(ours.map((issue) => issue.fingerprint));
    expect(sentry.every((issue) => issue.source === 'sentry-breadcrumb')).toBe(true);
  });

  it('is exactly what the generator makes for one session of four episodes', () => {
    expect(makeShopRecording({ sessions: 1, clicks: 4 })).toEqual(events);
  });
});

describe('the orders recording (a single-page app: navigation, a new view, an error linked to the replay)', () => {
  const events: unknown[] = ordersSpa;

  it('finds the slow "Track package" in the new view and the error on "Cancel order"', () => {
    const issues = detectFromRrweb(events, { errors: ordersSpaErrors });
    expect(summary(issues)).toEqual([
      ['slow', 'track-package', 1],
      ['error', 'cancel-order', 1],
    ]);
    expect(issues[1]).toMatchObject({
      url: 'https://shop.example.com/orders/4521',
      route: '/orders/:id',
      error: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'refundId')" },
    });
  });

  it('sees "Cancel order" as dead without the linked errors, as Sentry does', () => {
    const sentry = readSentryClickBreadcrumbs(events);
    expect(summary(sentry)).toEqual([
      ['slow', 'track-package', 1],
      ['dead', 'cancel-order', 1],
    ]);
    expect(summary(detectFromRrweb(events))).toEqual(summary(sentry));
  });
});

describe('makeShopRecording', () => {
  it('grows with sessions and clicks, and each cycle of four episodes raises dead, slow and rage', () => {
    const small = makeShopRecording({ sessions: 1, clicks: 4 });
    const large = makeShopRecording({ sessions: 3, clicks: 8 });
    expect(large.length).toBeGreaterThan(5 * small.length);
    const issues = detectFromRrweb(large);
    expect(issues.map((issue) => issue.type)).toEqual(Array(6).fill(['dead', 'slow', 'rage']).flat());
  });

  it('makes the same recording every time', () => {
    expect(makeShopRecording({ sessions: 2, clicks: 5 })).toEqual(
      makeShopRecording({ sessions: 2, clicks: 5 }),
    );
  });
});
