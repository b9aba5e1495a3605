import { describe, expect, it } from 'vitest';
import { issuesEndpointFromDsn, parseDsn } from './dsn.js';

describe('issues endpoint from the DSN', () => {
  it('posts to the DSN origin with the public key in the query', () => {
    const url = new URL(issuesEndpointFromDsn(parseDsn('https://abc123@o1.ingest.example.com/42')!));
    expect(url.origin + url.pathname).toBe('https://o1.ingest.example.com/api/42/issues/');
    expect(url.searchParams.get('sentry_key')).toBe('abc123');
  });

  it('keeps a port and a path prefix', () => {
    const url = issuesEndpointFromDsn(parseDsn('http://k@127.0.0.1:9000/sentry/7')!);
    expect(url.startsWith('http://127.0.0.1:9000/sentry/api/7/issues/?')).toBe(true);
  });

  it('takes any public key a server hands out, and ignores a legacy secret', () => {
    const url = new URL(issuesEndpointFromDsn(parseDsn('http://demo-key_1:secret@localhost:8765/3')!));
    expect(url.searchParams.get('sentry_key')).toBe('demo-key_1');
    expect(url.host).toBe('localhost:8765');
  });

  it('refuses what is not a DSN', () => {
    expect(parseDsn('not a dsn')).toBeNull();
    expect(parseDsn('https://k@host/not-a-number')).toBeNull();
    expect(parseDsn('https://k@host/')).toBeNull();
  });
});
