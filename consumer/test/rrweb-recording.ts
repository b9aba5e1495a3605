// A checkout page as Sentry Replay records it in rrweb events, for the re-detection suites: a full
// snapshot with two buttons, Meta events that carry the clock, and the mouse events of a click.
import { type ClickIssue, clickIssueFingerprint, type Target } from '@playback/detector';
import { clickIssue } from './fixtures.js';

export const T0 = 1_763_899_200_000;
export const PAY = 4;
export const COUPON = 6;

const button = (id: number, domId: string, testId: string, text: string) => ({
  type: 2,
  id,
  tagName: 'button',
  attributes: { id: domId, 'data-testid': testId },
  childNodes: [{ type: 3, id: id + 1, textContent: text }],
});

const page = {
  type: 0,
  id: 1,
  childNodes: [
    {
      type: 2,
      id: 2,
      tagName: 'html',
      attributes: {},
      childNodes: [
        {
          type: 2,
          id: 3,
          tagName: 'body',
          attributes: {},
          childNodes: [button(PAY, 'pay', 'pay-now', 'Pay now'), button(COUPON, 'coupon', 'coupon', 'Apply')],
        },
      ],
    },
  ],
};

export const meta = (t: number) => ({
  type: 4,
  timestamp: t,
  data: { href: 'http://shop.test/checkout', width: 1280, height: 800 },
});

export const snapshot = (t: number) => ({
  type: 2,
  timestamp: t,
  data: { node: page, initialOffset: { top: 0, left: 0 } },
});

export const mouse = (t: number, type: number, id = PAY) => ({
  type: 3,
  timestamp: t,
  data: { source: 2, type, id, x: 10, y: 10, pointerType: 0 },
});

/** A press and its click on a button, as rrweb records them: mousedown, mouseup, click. */
export const click = (t: number, id = PAY) => [mouse(t, 1, id), mouse(t + 50, 0, id), mouse(t + 60, 2, id)];

/** The Pay now button as the SDK describes it from the live DOM. */
export const PAY_TARGET: Target = {
  tagName: 'button',
  selector: 'button#pay',
  id: 'pay',
  testId: 'pay-now',
  text: 'Pay now',
  actionable: true,
  ignored: false,
};

/**
 * The SDK's own report of a dead click on Pay now at `t` (epoch ms of the click), in `replayId`.
 * Its id is its own: nothing ties it to the consumer's copy but what it says about the click.
 */
export function sdkDeadClick(replayId: string, t: number): ClickIssue {
  return clickIssue({
    type: 'dead',
    route: '/checkout',
    target: PAY_TARGET,
    fingerprint: clickIssueFingerprint('dead', '/checkout', PAY_TARGET),
    url: 'http://shop.test/checkout',
    timestamp: t,
    sessionId: 'sdk-session-1',
    replayId,
    evidence: [
      { type: 'click', t, x: 10, y: 10 },
      { type: 'timeout', t: t + 7_000, afterMs: 7_000 },
    ],
  });
}
