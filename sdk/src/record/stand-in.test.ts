import { describe, expect, it } from 'vitest';
import { looksPersonal, standInFor } from './stand-in.js';

const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, c, i) => {
    let d = Number(c);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    return sum + d;
  }, 0) %
    10 ===
  0;

describe('standInFor', () => {
  it('keeps an email an email: same length, letters for letters, @ and dots in place', () => {
    const original = 'Jane.Doe42@example.com';
    const standIn = standInFor(original, 'salt');
    expect(standIn).not.toBe(original);
    expect(standIn).toHaveLength(original.length);
    expect(standIn).toMatch(/^[A-Z][a-z]{3}\.[A-Z][a-z]{2}\d\d@[a-z]{7}\.[a-z]{3}$/);
    expect(standIn).not.toContain('example');
  });

  it('gives the same value the same stand-in within a session, and another one in another session', () => {
    expect(standInFor('jane@example.com', 's1')).toBe(standInFor('jane@example.com', 's1'));
    expect(standInFor('jane@example.com', 's1')).not.toBe(standInFor('jane@example.com', 's2'));
  });

  it('keeps a card number valid: digits stay digits, spacing kept, brand digit kept, Luhn still passes', () => {
    const card = '4242 4242 4242 4242';
    const standIn = standInFor(card, 'salt');
    expect(standIn).toMatch(/^4\d{3} \d{4} \d{4} \d{4}$/);
    expect(standIn).not.toBe(card);
    expect(luhn(standIn.replace(/\D/g, ''))).toBe(true);
  });

  it('replaces IME text by text of the same script', () => {
    expect(standInFor('にほんご', 'salt')).toMatch(/^[\u3041-\u3096]{4}$/);
    expect(standInFor('日本語', 'salt')).toMatch(/^[\u4e00-\u9fff]{3}$/);
    expect(standInFor('日本語', 'salt')).not.toBe('日本語');
  });

  it('never hands back the original, even for one character', () => {
    for (const c of ['a', 'Z', '7', 'é']) expect(standInFor(c, 'salt')).not.toBe(c);
  });
});

describe('looksPersonal', () => {
  it('flags emails and long digit runs, not ordinary labels', () => {
    expect(looksPersonal('Signed in as jane@example.com')).toBe(true);
    expect(looksPersonal('Order 1234 5678')).toBe(true);
    expect(looksPersonal('Pay now')).toBe(false);
    expect(looksPersonal('Step 2 of 3')).toBe(false);
  });
});
