import { describe, expect, it } from 'vitest';
import { parseSentryAuthHeader, publicKeyOf } from './auth.js';

describe('publicKeyOf', () => {
  it('reads X-Sentry-Auth, Authorization: Sentry …, then ?sentry_key=', () => {
    expect(parseSentryAuthHeader('Sentry sentry_version=7, sentry_key=abc ,sentry_client=x/1')).toEqual({
      sentry_version: '7',
      sentry_key: 'abc',
      sentry_client: 'x/1',
    });
    expect(
      publicKeyOf({ headers: { 'x-sentry-auth': 'Sentry sentry_key=h' }, query: { sentry_key: 'q' } }),
    ).toBe('h');
    expect(publicKeyOf({ headers: { authorization: 'Sentry sentry_key=a' }, query: {} })).toBe('a');
    expect(publicKeyOf({ headers: { authorization: 'Bearer x' }, query: { sentry_key: 'q' } })).toBe('q');
    expect(publicKeyOf({ headers: {}, query: {} })).toBeNull();
  });
});
