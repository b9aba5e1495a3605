import type { NetworkExchange } from '@playback/detector';
import { describe, expect, it } from 'vitest';
import { RecordedNetwork } from './recorded-network.js';

const APP = ['https://shop.example.com', 'http://localhost:5173'];

function exchange(
  id: string,
  method: string,
  url: string,
  startT: number,
  responseBody: string,
  requestBody?: string,
) {
  return {
    id,
    stepIndex: null,
    initiator: 'fetch',
    method,
    url,
    request: {
      headers: {},
      body: requestBody ? { encoding: 'text', data: requestBody, masked: false, truncated: false } : null,
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: {},
      body: { encoding: 'text', data: responseBody, masked: false, truncated: false },
    },
    timing: { startT, durationMs: 10 },
    occurrence: 0,
  } satisfies NetworkExchange;
}

const recorded = [
  exchange('c1', 'GET', 'https://shop.example.com/api/cart?b=2&a=1', 10, '{"items":[]}'),
  exchange('c2', 'GET', 'https://shop.example.com/api/cart?a=1&b=2', 500, '{"items":[1]}'),
  exchange(
    'p1',
    'POST',
    'https://shop.example.com/api/pay',
    900,
    '{"ok":true}',
    '{"amount":12,"currency":"EUR"}',
  ),
  exchange('x1', 'GET', 'https://cdn.other.com/rates.json', 20, '{"eur":1}'),
];

describe('RecordedNetwork', () => {
  it('answers repeated requests to one URL with their recorded responses in order', () => {
    const network = new RecordedNetwork(recorded, APP);
    const get = () =>
      network.match({ method: 'GET', url: 'http://localhost:5173/api/cart?a=1&b=2', body: null }, 'strict');
    expect(get()).toMatchObject({ kind: 'exact', exchange: { id: 'c1' } });
    expect(get()).toMatchObject({ kind: 'exact', exchange: { id: 'c2' } });
    // Past the recorded sequence the last answer repeats, and the match says so.
    expect(get()).toMatchObject({
      kind: 'exact',
      exchange: { id: 'c2' },
      beyondRecording: { made: 3, recorded: 2 },
    });
  });

  it('says how far a fallback answer is from the request it answered', () => {
    const network = new RecordedNetwork(recorded, APP);
    const result = network.match(
      { method: 'POST', url: 'http://localhost:5173/api/pay', body: '{"amount":99,"currency":"EUR"}' },
      'fallback',
    );
    expect(result).toMatchObject({
      kind: 'fallback',
      reason: 'nearest recorded POST https://shop.example.com/api/pay (body field amount differs)',
    });
    const query = new RecordedNetwork(recorded, APP).match(
      { method: 'GET', url: 'http://localhost:5173/api/cart?a=1&b=3', body: null },
      'fallback',
    );
    expect(query.kind === 'fallback' && query.reason).toBe(
      'nearest recorded GET https://shop.example.com/api/cart?b=2&a=1 (query b=3 ≠ 2)',
    );
  });

  it('never expects the page and its assets a HAR built into older files', () => {
    const asset = {
      ...exchange('js', 'GET', 'https://shop.example.com/assets/app-3f2a.js', 5, 'console.log(1)'),
      initiator: 'other' as const,
    };
    const network = new RecordedNetwork([...recorded, asset], APP);
    expect(network.notRequested().map((e) => e.id)).not.toContain('js');
  });

  it('matches JSON bodies by value, not by key order', () => {
    const network = new RecordedNetwork(recorded, APP);
    const result = network.match(
      { method: 'POST', url: 'http://localhost:5173/api/pay', body: '{"currency":"EUR", "amount":12}' },
      'strict',
    );
    expect(result).toMatchObject({ kind: 'exact', exchange: { id: 'p1' } });
  });

  it('does not match a different body in strict mode, and finds the nearest in fallback mode', () => {
    const request = { method: 'POST', url: 'http://localhost:5173/api/pay', body: '{"amount":99}' };
    expect(new RecordedNetwork(recorded, APP).match(request, 'strict')).toEqual({ kind: 'unmatched' });
    expect(new RecordedNetwork(recorded, APP).match(request, 'fallback')).toMatchObject({
      kind: 'fallback',
      exchange: { id: 'p1' },
    });
  });

  it('keeps other origins apart from the app origin', () => {
    const network = new RecordedNetwork(recorded, APP);
    expect(
      network.match({ method: 'GET', url: 'https://cdn.other.com/rates.json', body: null }, 'strict').kind,
    ).toBe('exact');
    expect(
      network.match({ method: 'GET', url: 'http://localhost:5173/rates.json', body: null }, 'strict').kind,
    ).toBe('unmatched');
  });

  it('lists recorded exchanges the replay never requested', () => {
    const network = new RecordedNetwork(recorded, APP);
    network.match({ method: 'GET', url: 'http://localhost:5173/api/cart?a=1&b=2', body: null }, 'strict');
    expect(network.notRequested().map((e) => e.id)).toEqual(['c2', 'p1', 'x1']);
  });

  it('ignores cache-busting parameters', () => {
    const network = new RecordedNetwork(recorded, APP);
    const result = network.match(
      { method: 'GET', url: 'http://localhost:5173/api/cart?a=1&b=2&_=171234', body: null },
      'strict',
    );
    expect(result.kind).toBe('exact');
  });

  it('matches bodies whose times moved (Date.now, toISOString), not ones whose ids or values changed', () => {
    const sent = exchange(
      'm1',
      'POST',
      'https://shop.example.com/api/messages',
      50,
      '{}',
      '{"id":"0b7d2c9e-1f1a-4c3e-9d2a-5e6f7a8b9c0d","text":"hi","sentAt":1741944413123,"at":"2025-03-14T09:26:53.123Z"}',
    );
    const network = new RecordedNetwork([sent], APP);
    const later = (id: string, text: string) => ({
      method: 'POST',
      url: 'http://localhost:5173/api/messages',
      body: JSON.stringify({ id, text, sentAt: 1741944414999, at: '2025-03-14T09:26:54.999Z' }),
    });
    expect(network.match(later('0b7d2c9e-1f1a-4c3e-9d2a-5e6f7a8b9c0d', 'hi'), 'strict').kind).toBe('exact');
    expect(network.match(later('0b7d2c9e-1f1a-4c3e-9d2a-5e6f7a8b9c0d', 'bye'), 'strict').kind).toBe(
      'unmatched',
    );
    expect(network.match(later('11111111-1f1a-4c3e-9d2a-5e6f7a8b9c0d', 'hi'), 'strict').kind).toBe(
      'unmatched',
    );
  });
});
