import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_HEADERS } from './constants.js';
import { keepHeaders, parseRawHeaders, requestIdOf, traceIdOf } from './headers.js';

describe('keepHeaders', () => {
  it('keeps allowed headers by lower-cased name and never credentials, even when allowed', () => {
    const allowed = new Set([
      ...DEFAULT_ALLOWED_HEADERS,
      'authorization',
      'cookie',
      'set-cookie',
      'x-tenant',
    ]);
    const kept = keepHeaders(
      [
        ['Content-Type', 'application/json'],
        ['Authorization', 'Bearer secret'],
        ['Cookie', 'sid=secret'],
        ['Set-Cookie', 'sid=secret'],
        ['X-Tenant', 'acme'],
        ['X-Other', 'dropped'],
      ],
      allowed,
    );
    expect(kept).toEqual({ 'content-type': 'application/json', 'x-tenant': 'acme' });
  });

  it('reads XHR header text and the ids that join back-end logs', () => {
    const headers = parseRawHeaders('content-type: text/plain\r\nx-request-id: req-7\r\n');
    expect(headers).toEqual([
      ['content-type', 'text/plain'],
      ['x-request-id', 'req-7'],
    ]);
    expect(requestIdOf(headers)).toBe('req-7');
    expect(traceIdOf([['sentry-trace', '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1']])).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(traceIdOf([['traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']])).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });
});
