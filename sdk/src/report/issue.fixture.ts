import { type ClickIssue, ClickIssueSchema } from '@playback/detector';

let seq = 0;

/** A valid ClickIssue for reporter tests. */
export function makeIssue(overrides: Partial<ClickIssue> = {}): ClickIssue {
  seq++;
  return ClickIssueSchema.parse({
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type: 'dead',
    fingerprint: 'f1e2d3c4b5a69788',
    target: {
      tagName: 'button',
      selector: '#pay',
      id: 'pay',
      name: 'Pay now',
      text: 'Pay now',
      actionable: true,
      ignored: false,
    },
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
  });
}
