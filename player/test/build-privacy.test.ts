// The builder keeps what the recorder would have kept out: a HAR or a back-end log goes through the
// same privacy rules, and no merge fills in what the recording masked.
import type { PlaybackFile } from '@playback/detector';
import { describe, expect, it } from 'vitest';
import { mergeSources } from '../src/build/merge-sources.js';
import { checkoutSession, PRODUCTION } from './support/shop-session.js';

const PASSWORD = 'correct-horse-battery';
const EMAIL = 'ada.lovelace@example.org';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';
const CARD = '4242 4242 4242 4242';

const header = (name: string, value: string) => ({ name, value });

/** One HAR entry as Chromium writes it (the fields the builder reads, and a few it ignores). */
function entry(at: number, method: string, path: string, request: unknown, response: unknown, status = 200) {
  return {
    startedDateTime: new Date(Date.UTC(2025, 2, 14, 10, 0, 0) + at).toISOString(),
    time: 12,
    _resourceType: 'fetch',
    request: {
      method,
      url: `${PRODUCTION}${path}`,
      httpVersion: 'HTTP/1.1',
      headers: [header('Content-Type', 'application/json'), header('X-CSRF-Token', 'csrf-9f8e7d')],
      queryString: [],
      cookies: [],
      ...(request === undefined
        ? {}
        : { postData: { mimeType: 'application/json', text: JSON.stringify(request) } }),
    },
    response: {
      status,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [header('Content-Type', 'application/json'), header('Set-Cookie', 'sid=abc123; HttpOnly')],
      cookies: [],
      content: { size: 1, mimeType: 'application/json', text: JSON.stringify(response) },
    },
  };
}

const signUpHar = {
  log: {
    version: '1.2',
    creator: { name: 'Playwright', version: '1.50' },
    entries: [
      entry(
        0,
        'POST',
        '/api/users',
        { user: { username: 'adalove', email: EMAIL, password: PASSWORD } },
        { user: { username: 'adalove', email: EMAIL, token: TOKEN } },
      ),
      entry(500, 'POST', '/api/pay', { card: CARD, cvc: '123' }, { ok: true, receipt: `paid with ${CARD}` }),
      entry(900, 'GET', `/api/reset?token=${TOKEN}`, undefined, { ok: true }),
    ],
  },
};

describe('playback build: privacy', () => {
  it('masks passwords, tokens, card numbers and what the user sent in a HAR, keeping their shape', () => {
    const { file } = mergeSources({ har: [{ name: 'signup.har', data: signUpHar }] }, { maskSalt: 'test' });
    const text = JSON.stringify(file);
    for (const secret of [PASSWORD, EMAIL, TOKEN, CARD, 'adalove', 'csrf-9f8e7d', 'abc123']) {
      expect(text).not.toContain(secret);
    }
    const [signUp, pay, reset] = file.network;
    const sent = JSON.parse(signUp!.request.body!.data).user;
    expect(sent.password).toBe('Playback-Pa55word!');
    expect(sent.email).toMatch(/^[a-z]{3}\.[a-z]{8}@[a-z]{7}\.[a-z]{3}$/);
    // The same value gets the same stand-in wherever it shows up: the app still finds its user.
    const answered = JSON.parse(signUp!.response!.body!.data).user;
    expect(answered.email).toBe(sent.email);
    expect(answered.username).toBe(sent.username);
    expect(signUp!.request.body!.masked).toBe(true);
    const card = JSON.parse(pay!.request.body!.data).card as string;
    expect(card).toMatch(/^4\d{3} \d{4} \d{4} \d{4}$/);
    expect(JSON.parse(pay!.response!.body!.data).receipt).toBe(`paid with ${card}`);
    expect(new URL(reset!.url).searchParams.get('token')).not.toBe(TOKEN);
    expect(Object.keys(signUp!.request.headers)).toEqual(['content-type']);
  });

  it('never fills a body the recording masked, and says so', () => {
    const recording: PlaybackFile = checkoutSession();
    const pay = recording.network.find((e) => e.id === 'pay')!;
    pay.response!.body = {
      encoding: 'text',
      data: '{"ok":true,"by":"kxqz.wbm@example.net"}',
      masked: true,
      truncated: false,
    };
    const t = pay.timing.startT;
    const har = {
      log: {
        entries: [
          {
            ...entry(0, 'POST', '/api/pay', { email: EMAIL }, { ok: true, by: EMAIL, name: 'Ada Lovelace' }),
            startedDateTime: new Date(recording.meta.startedAt + t).toISOString(),
          },
        ],
      },
    };
    const { file, explanations } = mergeSources({
      playback: [{ name: 'session.playback.json', file: recording }],
      har: [{ name: 'session.har', data: har }],
    });
    const merged = file.network.find((e) => e.id === 'pay')!;
    expect(merged.response!.body).toMatchObject({
      masked: true,
      data: '{"ok":true,"by":"kxqz.wbm@example.net"}',
    });
    expect(JSON.stringify(file)).not.toContain('Ada Lovelace');
    expect(explanations.find((e) => e.rule === 'kept masked')?.detail).toMatch(
      /POST .*\/api\/pay at \d+ ms: the recording masked its body; session\.har does not un-mask it/,
    );
  });

  it('masks what a back-end log fills in the same way', () => {
    const har = {
      log: {
        entries: [
          {
            ...entry(0, 'GET', '/api/me', undefined, {}),
            response: {
              ...entry(0, 'GET', '/api/me', undefined, {}).response,
              content: { mimeType: 'application/json' },
            },
          },
        ],
      },
    };
    const log = `${JSON.stringify({ time: Date.UTC(2025, 2, 14, 10, 0, 0), req: { method: 'GET', url: '/api/me' }, res: { statusCode: 200 }, responseBody: JSON.stringify({ email: EMAIL, apiKey: 'sk_live_51abcdef' }) })}\n`;
    const { file } = mergeSources({
      har: [{ name: 'me.har', data: har }],
      backendLogs: [{ name: 'api.log', text: log }],
    });
    const body = file.network[0]!.response!.body!;
    expect(body.masked).toBe(true);
    expect(body.data).not.toContain(EMAIL);
    expect(body.data).not.toContain('sk_live_51abcdef');
  });
});
