import { describe, expect, it } from 'vitest';
import { findUnstorableString, mayHoldUnstorable, replaceUnstorable } from './storable-strings.js';

describe('strings PostgreSQL would refuse', () => {
  it('are found by path: a NUL, a lone high or low surrogate, in values and keys', () => {
    expect(
      findUnstorableString(JSON.parse('{"issues":[{"a":"ok"},{"target":{"text":"x\\u0000"}}]}')),
    ).toEqual({
      path: 'issues[1].target.text',
      reason: 'NUL character',
    });
    expect(findUnstorableString(JSON.parse('{"m":"\\ud800x"}'))).toEqual({
      path: 'm',
      reason: 'unpaired surrogate',
    });
    expect(findUnstorableString(JSON.parse('{"m":"x\\udc00"}'))).toEqual({
      path: 'm',
      reason: 'unpaired surrogate',
    });
    expect(findUnstorableString(JSON.parse('{"k\\u0000":1}'))).toEqual({
      path: 'k\u0000',
      reason: 'NUL character',
    });
  });

  it('leave paired surrogates (emoji) and ordinary text alone', () => {
    const value = JSON.parse('{"m":"pay \\ud83d\\ude00 now","n":[1,null,true]}');
    expect(findUnstorableString(value)).toBeNull();
    expect(replaceUnstorable(value)).toBe(value);
    expect(mayHoldUnstorable('{"m":"plain"}')).toBe(false);
    expect(mayHoldUnstorable('{"m":"\\u0000"}')).toBe(true);
  });

  it('are replaced by U+FFFD where a client cannot help them', () => {
    const value = JSON.parse('{"body":"a\\u0000b\\ud800c","list":["\\udfff"]}');
    expect(replaceUnstorable(value)).toEqual({ body: 'a\ufffdb\ufffdc', list: ['\ufffd'] });
  });
});
