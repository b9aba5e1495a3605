// Playback files of sessions on the test shop, as the recorder would write them.
import type { NetworkExchange, PlaybackFile, Step, StepTarget } from '@playback/detector';

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

/** The production bug: the cart API returns an empty list and Pay throws. */
export function emptyCartSession(): PlaybackFile {
  return base(
    [
      { type: 'navigate', t: 0, url: `${PRODUCTION}/checkout` },
      { type: 'input', t: 1_000, target: emailTarget, value: STAND_IN_EMAIL, masked: true },
      click(2_500, payTarget),
    ],
    [
      // Pay threw before it could post: production never saw /api/pay.
      json('cart-1', 'GET', '/api/cart', 100, null, items(0)),
    ],
    [
      {
        t: 2_502,
        type: 'TypeError',
        message: "Cannot read properties of undefined (reading 'total')",
        stepIndex: 2,
      },
    ],
  );
}
