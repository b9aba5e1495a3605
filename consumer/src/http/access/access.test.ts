import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiTokenPath, bearerTokenOf, loadOrCreateApiToken, secretsEqual } from './api-token.js';
import { FAILED_TOKEN_BURST, FailedTokenAttempts } from './failed-token-attempts.js';
import { hostChecker, hostNameOf } from './host-check.js';

describe('the API token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'playback-token-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made on first start, kept owner-only beside the database, and read back after', () => {
    const path = apiTokenPath(join(dir, 'db'));
    expect(path).toBe(join(dir, 'api-token'));
    const first = loadOrCreateApiToken(path);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(path).mode & 0o077).toBe(0);
    const again = loadOrCreateApiToken(path);
    expect(again).toMatchObject({ token: first.token, created: false });
    expect(readFileSync(path, 'utf8').trim()).toBe(first.token);
  });

  it('is compared whole, whatever the lengths', () => {
    expect(secretsEqual('sesame', 'sesame')).toBe(true);
    expect(secretsEqual('sesam', 'sesame')).toBe(false);
    expect(secretsEqual('', 'sesame')).toBe(false);
  });

  it('is read from `Authorization: Bearer <token>` only', () => {
    expect(bearerTokenOf('Bearer abc')).toBe('abc');
    expect(bearerTokenOf('bearer abc')).toBeNull();
    expect(bearerTokenOf('Basic abc')).toBeNull();
    expect(bearerTokenOf(undefined)).toBeNull();
  });
});

describe('the Host check', () => {
  it('lets a loopback server answer only to loopback names and its public URL', () => {
    const allowed = hostChecker({ bindHost: '127.0.0.1', publicUrl: 'https://playback.example.com' });
    for (const host of [
      '127.0.0.1:8765',
      'localhost:8765',
      'localhost',
      '[::1]:8765',
      'app.localhost:1',
      'playback.example.com',
    ]) {
      expect(allowed(host), host).toBe(true);
    }
    for (const host of ['evil.example:8765', 'evil.example', '127.0.0.1.evil.example', '', undefined]) {
      expect(allowed(host), String(host)).toBe(false);
    }
  });

  it('lets a server bound to a name answer to that name and the names it is given', () => {
    const allowed = hostChecker({ bindHost: 'playback.internal', allowedHosts: ['pb.corp:443'] });
    expect(allowed('playback.internal:8765')).toBe(true);
    expect(allowed('pb.corp')).toBe(true);
    expect(allowed('localhost')).toBe(false);
    expect(allowed('evil.example')).toBe(false);
  });

  it('reads host names with ports and IPv6 brackets', () => {
    expect(hostNameOf('Example.COM:80')).toBe('example.com');
    expect(hostNameOf('[::1]:8765')).toBe('::1');
  });
});

describe('failed API token attempts', () => {
  it('refuse an address past the burst until its wait is over, and no other address', () => {
    let now = 0;
    const attempts = new FailedTokenAttempts(() => now);
    for (let i = 0; i < FAILED_TOKEN_BURST; i++) expect(attempts.fail('10.0.0.1')).toBe(0);
    const wait = attempts.fail('10.0.0.1');
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(attempts.retryAfterSeconds('10.0.0.1')).toBe(wait);
    expect(attempts.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += wait * 1000;
    expect(attempts.retryAfterSeconds('10.0.0.1')).toBe(0);
  });
});
