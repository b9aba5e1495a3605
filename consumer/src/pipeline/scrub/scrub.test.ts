import { PASSWORD_STAND_IN, type PlaybackFile, parsePlaybackFileText, standInFor } from '@playback/detector';
import { describe, expect, it } from 'vitest';
import { clickIssue } from '../../../test/fixtures.js';
import { checkoutPlaybackJson } from '../../../test/playback-file.js';
import { DEFAULT_SCRUB_SETTINGS, scrubClickIssue, scrubPlaybackFile, scrubSalt } from './scrub-payloads.js';
import { TextScrubber } from './text-scrubber.js';

const CARD = '4111 1111 1111 1111';
const scrubber = new TextScrubber('salt');

function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}

describe('TextScrubber', () => {
  it('replaces a Luhn-valid card number by a card-shaped stand-in, and leaves other digit runs', () => {
    const out = scrubber.text(`paid with ${CARD} on order 1234 5678 9012 3456`);
    const card = out.match(/paid with (\S+ \S+ \S+ \S+)/)![1]!;
    expect(card).not.toBe(CARD);
    expect(card).toMatch(/^4\d{3} \d{4} \d{4} \d{4}$/);
    expect(luhn(card.replace(/ /g, ''))).toBe(true);
    expect(out).toContain('order 1234 5678 9012 3456');
  });

  it('gives one value one stand-in wherever it appears', () => {
    expect(scrubber.text(`card ${CARD}`)).toBe(`card ${standInFor(CARD, 'salt')}`);
    expect(scrubber.text(`again ${CARD}`)).toContain(standInFor(CARD, 'salt'));
  });

  it('replaces bearer tokens, URL passwords, secret query parameters and emails in queries', () => {
    expect(scrubber.text('Bearer abcdefgh12345678')).toBe(`Bearer ${standInFor('abcdefgh12345678', 'salt')}`);
    expect(scrubber.text('https://bob:hunter22@db.example.com/x')).not.toContain('hunter22');
    const url = scrubber.text(
      'https://shop.example.com/pay?token=s3cr3tvalue&page=2&email=ann%40example.com',
    );
    expect(url).not.toContain('s3cr3tvalue');
    expect(url).not.toContain('ann%40example.com');
    expect(url).toContain('page=2');
    expect(scrubber.text('login?password=hunter22')).toBe(
      `login?password=${encodeURIComponent(PASSWORD_STAND_IN)}`,
    );
    // An email is personal in a query; in text the SDK's masking of typed values covers it.
    expect(scrubber.text('?email=ann@example.com')).toBe(
      `?email=${encodeURIComponent(standInFor('ann@example.com', 'salt'))}`,
    );
  });

  it('replaces JSON and form fields by key, and drops credential headers', () => {
    const json = JSON.parse(scrubber.body('{"user":"ann","password":"hunter22","apiKey":"k-123456"}'));
    expect(json).toEqual({
      user: 'ann',
      password: PASSWORD_STAND_IN,
      apiKey: standInFor('k-123456', 'salt'),
    });
    expect(scrubber.body('user=ann&passwd=hunter22')).toBe(
      `user=ann&passwd=${encodeURIComponent(PASSWORD_STAND_IN)}`,
    );
    expect(
      scrubber.headers({
        Authorization: 'Bearer x',
        cookie: 'a=b',
        'set-cookie': 'a=b',
        'X-Api-Key': 'k',
        accept: 'application/json',
      }),
    ).toEqual({ accept: 'application/json' });
  });

  it('takes a project’s own header and key names, and keys it allows', () => {
    const custom = new TextScrubber('salt', {
      extraHeaders: ['x-tenant-secret'],
      extraKeys: ['member'],
      allowKeys: ['token'],
    });
    expect(custom.headers({ 'x-tenant-secret': 's', accept: 'a' })).toEqual({ accept: 'a' });
    expect(custom.text('?member=ann99&token=visible')).toBe(
      `?member=${standInFor('ann99', 'salt')}&token=visible`,
    );
  });
});

describe('scrubClickIssue', () => {
  it('scrubs the URL, element text and error message, and keeps ids and the fingerprint', () => {
    const issue = clickIssue({
      url: `https://shop.example.com/pay?token=abc123456&card=${encodeURIComponent(CARD)}`,
      error: {
        t: 1,
        type: 'Error',
        message: `charge failed for ${CARD}`,
        stack: 'at pay (password=hunter22)',
      },
    });
    issue.target.text = `Pay with ${CARD}`;
    const scrubbed = scrubClickIssue(issue, DEFAULT_SCRUB_SETTINGS, 'secret');
    const text = JSON.stringify(scrubbed);
    expect(text).not.toContain('4111');
    expect(text).not.toContain('abc123456');
    expect(text).not.toContain('hunter22');
    expect(scrubbed.id).toBe(issue.id);
    expect(scrubbed.fingerprint).toBe(issue.fingerprint);
    expect(scrubClickIssue(issue, { ...DEFAULT_SCRUB_SETTINGS, enabled: false }, 'secret')).toBe(issue);
  });
});

describe('scrubPlaybackFile', () => {
  it('drops credential headers and replaces passwords, cards and query secrets consistently', () => {
    const raw = checkoutPlaybackJson() as PlaybackFile;
    raw.network[0]!.url = 'https://shop.example.com/api/cart?email=ann%40example.com';
    raw.network[0]!.request.headers = {
      authorization: 'Bearer tok-123456789',
      cookie: 'sid=1',
      'x-api-key': 'k',
      accept: 'application/json',
    };
    raw.network[0]!.response!.headers['set-cookie'] = 'sid=2';
    raw.network[0]!.response!.body = {
      encoding: 'text',
      data: `{"card":"${CARD}","password":"hunter22"}`,
      masked: false,
      truncated: false,
    };
    raw.steps.push({
      type: 'input',
      t: 5000,
      target: { selectors: [{ kind: 'css', value: 'input[type=password]' }] },
      value: 'hunter22',
      masked: false,
    });
    raw.steps.push({
      type: 'input',
      t: 5100,
      target: { selectors: [{ kind: 'id', value: 'cc' }] },
      value: CARD,
      masked: false,
    });
    const file = parsePlaybackFileText(JSON.stringify(raw));
    const scrubbed = scrubPlaybackFile(file, DEFAULT_SCRUB_SETTINGS, 'secret');
    const text = JSON.stringify(scrubbed);
    for (const secret of [
      'tok-123456789',
      'sid=1',
      'sid=2',
      'hunter22',
      '4111 1111 1111 1111',
      'ann%40example.com',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(scrubbed.network[0]!.request.headers).toEqual({ accept: 'application/json' });
    expect(scrubbed.steps.at(-2)).toMatchObject({ value: PASSWORD_STAND_IN, masked: true });
    const cardStandIn = standInFor(CARD, scrubSalt('secret', file.meta.id));
    expect(scrubbed.steps.at(-1)).toMatchObject({ value: cardStandIn, masked: true });
    expect(JSON.parse(scrubbed.network[0]!.response!.body!.data)).toEqual({
      card: cardStandIn,
      password: PASSWORD_STAND_IN,
    });
    expect(scrubbed.meta.id).toBe(file.meta.id);
  });
});
