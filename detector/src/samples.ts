// `@playback/detector/samples`: one valid click issue and its target, for the tests of every package that
// handles issues (and for a user's own test of a sink). One home, so a change to the model reaches every
// fixture at once instead of drifting in three copies.
import type { ClickIssueInput } from './model/click-issue.js';
import type { Target } from './model/target.js';

/** The pay button the samples click: actionable, not ignored. */
export function sampleTarget(overrides: Partial<Target> = {}): Target {
  return {
    tagName: 'button',
    selector: '#pay',
    id: 'pay',
    name: 'Pay now',
    text: 'Pay now',
    actionable: true,
    ignored: false,
    ...overrides,
  };
}

/** A dead click on the sample target that timed out after 7 s; parse it with ClickIssueSchema to get defaults. */
export function sampleClickIssue(overrides: Partial<ClickIssueInput> = {}): ClickIssueInput {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    type: 'dead',
    fingerprint: 'f1e2d3c4b5a69788',
    target: sampleTarget(),
    url: 'https://shop.example.com/orders/42',
    route: '/orders/:id',
    timestamp: 1_700_000_000_000,
    timeAfterClickMs: 7000,
    endReason: 'timeout',
    clickCount: 1,
    evidence: [
      { type: 'click', t: 1_700_000_000_000, x: 10, y: 20 },
      { type: 'timeout', t: 1_700_000_007_000, afterMs: 7000 },
    ],
    error: null,
    sessionId: 's1',
    replayId: null,
    via: null,
    ...overrides,
  };
}
