// Playback files of sessions on the test shop, as the recorder would write them.
import {
  type ClickIssue,
  clickIssueFingerprint,
  type NetworkExchange,
  type PlaybackFile,
  type Step,
  type StepTarget,
  type Target,
} from '@playback/detector';

export const PRODUCTION = 'https://shop.example.com';
const NO_MODIFIERS = { alt: false, ctrl: false, meta: false, shift: false };
export const STAND_IN_EMAIL = 'kxqz.wbm@example.net';

export const payTarget: StepTarget = {
  tagName: 'button',
  selectors: [
    { kind: 'id', value: 'pay-btn' },
    { kind: 'role', role: 'button', name: 'Pay now' },
    { kind: 'css', value: 'body > button:nth-of-type(1)' },
  ],
};
const refreshTarget: StepTarget = {
  tagName: 'button',
  selectors: [
    { kind: 'id', value: 'refresh' },
    { kind: 'text', value: 'Refresh cart' },
  ],
};
const emailTarget: StepTarget = { tagName: 'input', selectors: [{ kind: 'id', value: 'email' }] };

const click = (t: number, target: StepTarget): Step => ({
  type: 'click',
  t,
  target,
  offset: { x: 12, y: 8 },
  button: 0,
  modifiers: NO_MODIFIERS,
});

function json(
  id: string,
  method: string,
  path: string,
  startT: number,
  stepIndex: number | null,
  response: unknown,
  requestBody?: unknown,
): NetworkExchange {
  return {
    id,
    stepIndex,
    initiator: 'fetch',
    method,
    url: `${PRODUCTION}${path}`,
    request: {
      headers: requestBody ? { 'content-type': 'application/json' } : {},
      body: requestBody
        ? { encoding: 'text', data: JSON.stringify(requestBody), masked: false, truncated: false }
        : null,
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: { encoding: 'text', data: JSON.stringify(response), masked: false, truncated: false },
    },
    timing: { startT, durationMs: 20 },
    occurrence: 0,
  };
}

const items = (n: number) => ({ items: Array.from({ length: n }, (_, i) => ({ name: `Mug ${i + 1}` })) });

function base(steps: Step[], network: NetworkExchange[], errors: PlaybackFile['errors'] = []): PlaybackFile {
  const last = steps[steps.length - 1]?.t ?? 0;
  return {
    format: 'playback',
    version: 1,
    meta: {
      id: 'shop-session',
      app: { name: 'shop' },
      startedAt: Date.UTC(2025, 2, 14, 9, 26, 53),
      durationMs: last + 1_000,
      url: `${PRODUCTION}/checkout`,
      viewport: { width: 1024, height: 700 },
      devicePixelRatio: 1,
      userAgent: 'Mozilla/5.0',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      sentry: { replayId: null, traceIds: [] },
      clickIssues: [],
      sources: [{ kind: 'playback', name: 'test' }],
    },
    steps,
    network,
    environment: {
      clockStart: Date.UTC(2025, 2, 14, 9, 26, 53),
      determinism: { dateNow: [], mathRandom: [0.4242], getRandomValues: [], randomUUID: [] },
      storage: {
        localStorage: { theme: 'dark' },
        sessionStorage: {},
        cookies: [{ name: 'consent', value: 'yes' }],
      },
    },
    errors,
    console: [],
  };
}

/** Types an email, refreshes the cart twice (1, 2, 3 items), pays. */
export function checkoutSession(): PlaybackFile {
  return base(
    [
      { type: 'navigate', t: 0, url: `${PRODUCTION}/checkout` },
      { type: 'input', t: 1_000, target: emailTarget, value: STAND_IN_EMAIL, masked: true },
      click(2_000, refreshTarget),
      click(3_000, refreshTarget),
      click(4_000, payTarget),
    ],
    [
      json('cart-1', 'GET', '/api/cart', 100, null, items(1)),
      json('cart-2', 'GET', '/api/cart', 2_010, 2, items(2)),
      json('cart-3', 'GET', '/api/cart', 3_010, 3, items(3)),
      json('pay', 'POST', '/api/pay', 4_010, 4, { ok: true }, { email: STAND_IN_EMAIL, total: 30 }),
    ],
  );
}

const couponTarget: StepTarget = {
  tagName: 'button',
  selectors: [
    { kind: 'id', value: 'apply-coupon' },
    { kind: 'role', role: 'button', name: 'Apply coupon' },
  ],
};

const SESSION_START = Date.UTC(2025, 2, 14, 9, 26, 53);
const COUPON_ERROR = "Cannot read properties of undefined (reading 'total')";

/** A click issue as the SDK reported it in production: verify compares fingerprints. */
function recordedIssue(
  type: ClickIssue['type'],
  t: number,
  target: Target,
  error: ClickIssue['error'],
): ClickIssue {
  return {
    id: `${String(t).padStart(8, '0')}-0000-4000-8000-000000000000`,
    type,
    fingerprint: clickIssueFingerprint(type, '/checkout', target),
    target,
    url: `${PRODUCTION}/checkout`,
    route: '/checkout',
    timestamp: SESSION_START + t,
    timeAfterClickMs: type === 'dead' ? 7_000 : 3,
    endReason: type === 'dead' ? 'timeout' : 'error',
    clickCount: 1,
    evidence: [],
    error,
    sessionId: 'production-session',
    replayId: null,
    via: 'endpoint',
    source: 'playback',
  };
}

const button = (overrides: Partial<Target>): Target => ({
  tagName: 'button',
  selector: 'button',
  actionable: true,
  ignored: false,
  ...overrides,
});

/**
 * The production bug: the cart API returned an empty list; Pay did nothing
 * (a dead click) and Apply coupon threw (an error click).
 */
export function emptyCartSession(): PlaybackFile {
  const file = base(
    [
      { type: 'navigate', t: 0, url: `${PRODUCTION}/checkout` },
      { type: 'input', t: 1_000, target: emailTarget, value: STAND_IN_EMAIL, masked: true },
      click(2_500, payTarget),
      click(10_000, couponTarget),
    ],
    // Pay returned before posting: production never saw /api/pay.
    [json('cart-1', 'GET', '/api/cart', 100, null, items(0))],
    [{ t: 10_003, type: 'TypeError', message: COUPON_ERROR, stepIndex: 3 }],
  );
  file.meta.clickIssues = [
    recordedIssue(
      'dead',
      2_500,
      button({
        selector: '[data-testid="pay"]',
        testId: 'pay',
        id: 'pay-btn',
        name: 'Pay now',
        text: 'Pay now',
      }),
      null,
    ),
    recordedIssue(
      'error',
      10_000,
      button({ selector: '#apply-coupon', id: 'apply-coupon', name: 'Apply coupon', text: 'Apply coupon' }),
      { t: SESSION_START + 10_003, type: 'TypeError', message: COUPON_ERROR },
    ),
  ];
  return file;
}
