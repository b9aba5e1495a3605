import { describe, expect, it } from 'vitest';
import { buildDsn, parseDsn } from './dsn.js';

describe('DSN', () => {
  it('builds a DSN the Sentry SDKs accept and reads it back', () => {
    const dsn = buildDsn('http://127.0.0.1:8765', 'abc', 3);
    expect(dsn).toBe('http://abc@127.0.0.1:8765/3');
    expect(parseDsn(dsn)).toMatchObject({
      publicKey: 'abc',
      projectId: 3,
      envelopeUrl: 'http://127.0.0.1:8765/api/3/envelope/',
    });
    expect(buildDsn('https://errors.example.com/playback/', 'k', 1)).toBe(
      'https://k@errors.example.com/playback/1',
    );
  });
});
