import { describe, expect, it } from 'vitest';
import { PASSWORD_STAND_IN } from './constants.js';
import { Masker } from './masker.js';

describe('Masker', () => {
  it('puts the same stand-in wherever a typed value shows up: JSON, form and URL encodings', () => {
    const masker = new Masker('salt');
    const email = 'jane "jd" doe@example.com';
    const standIn = masker.standIn(email);
    const json = JSON.stringify({ email, note: `for ${email}` });
    const out = masker.substitute(json);
    expect(out.changed).toBe(true);
    expect(JSON.parse(out.text)).toEqual({ email: standIn, note: `for ${standIn}` });
    const form = new URLSearchParams({ email }).toString();
    expect(new URLSearchParams(masker.substitute(form).text).get('email')).toBe(standIn);
    const url = `https://shop.test/search?q=${encodeURIComponent(email)}`;
    expect(new URL(masker.substitute(url).text).searchParams.get('q')).toBe(standIn);
  });

  it('replaces a longer value whole before a value it contains', () => {
    const masker = new Masker('salt');
    const short = masker.standIn('jane');
    const long = masker.standIn('jane@example.com');
    expect(masker.substitute('to jane@example.com').text).toBe(`to ${long}`);
    expect(masker.substitute('hi jane').text).toBe(`hi ${short}`);
  });

  it('gives every password one fixed stand-in and keeps the password out of bodies', () => {
    const masker = new Masker('salt');
    expect(masker.password('hunter2!')).toBe(PASSWORD_STAND_IN);
    expect(masker.password('correct horse')).toBe(PASSWORD_STAND_IN);
    expect(masker.substitute('{"password":"hunter2!"}').text).toBe(`{"password":"${PASSWORD_STAND_IN}"}`);
  });

  it('does not hunt for values too short to find safely, but still masks them where typed', () => {
    const masker = new Masker('salt');
    const standIn = masker.standIn('ab');
    expect(standIn).toHaveLength(2);
    expect(masker.substitute('about').changed).toBe(false);
  });

  it('masks a short value where it is a whole field: a JSON string, a URL or form parameter, the body', () => {
    const masker = new Masker('salt');
    const standIn = masker.standIn('ab');
    const json = masker.substitute('{"ab":"ab","note":"about ab"}').text;
    expect(JSON.parse(json)).toEqual({ ab: standIn, note: 'about ab' });
    const url = new URL(masker.substitute('https://shop.test/search?q=ab&page=2#ab').text);
    expect(url.searchParams.get('q')).toBe(standIn);
    expect(url.searchParams.get('page')).toBe('2');
    expect(masker.substitute('ab').text).toBe(standIn);
    expect(masker.substitute('tab=abc&x=ab').text).toBe(`tab=abc&x=${standIn}`);
    const other = masker.standIn('a');
    expect(masker.substitute('q=a&r=ab').text).toBe(`q=${other}&r=${standIn}`);
  });

  it('keeps labels that carry neither a typed value nor anything personal', () => {
    const masker = new Masker('salt');
    masker.standIn('Jane Doe');
    expect(masker.isSafeLabel('Pay now')).toBe(true);
    expect(masker.isSafeLabel('Welcome, Jane Doe')).toBe(false);
    expect(masker.isSafeLabel('Mail jd@example.com')).toBe(false);
  });
});
