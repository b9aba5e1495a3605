import { describe, expect, it } from 'vitest';
import {
  click,
  documentNode,
  element,
  fullSnapshot,
  meta,
  mutation,
  navigationPush,
  scroll,
  text,
} from '../../test/fixtures/rrweb/rrweb-events.js';
import { readRrwebInteractions } from './read-rrweb-interactions.js';

const T0 = 1_763_899_200_000;
const page = documentNode(1, [
  element(2, 'html', {}, [
    element(3, 'body', {}, [
      element(4, 'input', { id: 'email', type: 'email' }),
      element(5, 'button', { 'data-testid': 'pay', id: 'pay-btn' }, [
        element(6, 'span', {}, [text(7, 'Pay now')]),
      ]),
      element(8, 'div', { id: 'list', style: 'overflow:auto' }),
    ]),
  ]),
]);

const userInput = (timestamp: number, id: number, value: string) => ({
  type: 3,
  timestamp,
  data: { source: 5, id, text: value, isChecked: false, userTriggered: true },
});

const fetchSpan = (startMs: number, endMs: number, url: string, data: Record<string, unknown>) => ({
  type: 5,
  timestamp: startMs,
  data: {
    tag: 'performanceSpan',
    payload: {
      op: 'resource.fetch',
      description: url,
      startTimestamp: startMs / 1000,
      endTimestamp: endMs / 1000,
      data,
    },
  },
});

const events = [
  meta(T0, 'https://shop.example.com/checkout'),
  fullSnapshot(T0 + 5, page),
  userInput(T0 + 1_000, 4, '********************'),
  click(T0 + 2_000, 7),
  scroll(T0 + 2_500, 8, 300),
  scroll(T0 + 2_600, 1, 900),
  fetchSpan(T0 + 2_010, T0 + 2_090, 'https://shop.example.com/api/pay', {
    method: 'POST',
    statusCode: 500,
    request: { headers: { 'Content-Type': 'application/json' }, body: { email: '***' } },
    response: { body: '{"error":"empty cart"}' },
  }),
  mutation(T0 + 3_000, {
    adds: [{ parentId: 3, node: element(9, 'a', { href: '/orders/7' }, [text(10, 'Your order')]) }],
  }),
  click(T0 + 3_500, 10),
  navigationPush(T0 + 3_600, '/orders/7'),
];

describe('readRrwebInteractions', () => {
  const read = readRrwebInteractions(events);

  it('lists the user interactions with targets as the detector describes them', () => {
    expect(read.startedAt).toBe(T0);
    expect(read.viewport).toEqual({ width: 1280, height: 800 });
    expect(read.interactions.map((i) => i.type)).toEqual([
      'navigate',
      'input',
      'click',
      'scroll',
      'scroll',
      'click',
      'navigate',
    ]);
    const pay = read.interactions[2]!;
    // The click landed on the span's text; it acts on the button, found by its test id.
    expect(pay).toMatchObject({ type: 'click', target: { tagName: 'button', testId: 'pay', id: 'pay-btn' } });
  });

  it('marks masked inputs, and scrolls of the window apart from an element', () => {
    expect(read.interactions[1]).toMatchObject({ type: 'input', masked: true, target: { id: 'email' } });
    expect(read.interactions[3]).toMatchObject({ type: 'scroll', y: 300, target: { id: 'list' } });
    expect(read.interactions[4]).toMatchObject({ type: 'scroll', y: 900, target: null });
  });

  it('finds elements added after the snapshot, and follows SPA navigation', () => {
    expect(read.interactions[5]).toMatchObject({
      type: 'click',
      target: { tagName: 'a', href: '/orders/7' },
    });
    expect(read.interactions[6]).toEqual({
      type: 'navigate',
      t: T0 + 3_600,
      url: 'https://shop.example.com/orders/7',
    });
  });

  it('reads fetch spans with their bodies when Sentry captured them', () => {
    expect(read.network).toEqual([
      {
        t: T0 + 2_010,
        durationMs: 80,
        initiator: 'fetch',
        method: 'POST',
        url: 'https://shop.example.com/api/pay',
        status: 500,
        requestHeaders: { 'content-type': 'application/json' },
        requestBody: '{"email":"***"}',
        responseHeaders: {},
        responseBody: '{"error":"empty cart"}',
      },
    ]);
  });

  it('skips what it cannot read, and ignores inputs the page set itself', () => {
    const messy = readRrwebInteractions([
      null,
      42,
      { type: 3 },
      ...events,
      { type: 3, timestamp: T0 + 9_000, data: { source: 5, id: 4, text: 'x', userTriggered: false } },
    ]);
    expect(messy.interactions).toHaveLength(read.interactions.length);
  });
});

describe('readRrwebInteractions on events stamped as Sentry Replay stamps them', () => {
  // Replay writes a performanceSpan event's own `timestamp` in seconds, everything else in ms.
  const inSeconds = (event: ReturnType<typeof fetchSpan>) => ({
    ...event,
    timestamp: event.timestamp / 1000,
  });
  const read = readRrwebInteractions(events.map((e) => (e.type === 5 ? inSeconds(e as never) : e)));

  it('starts the session at its first event, not at a span read as 1970', () => {
    expect(read.startedAt).toBe(T0);
    expect(read.network[0]).toMatchObject({ t: T0 + 2_010, url: 'https://shop.example.com/api/pay' });
  });
});
