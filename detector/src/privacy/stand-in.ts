// Consistent stand-ins: the SDK masks with them in the browser and the consumer scrubs with them on the
// server, so a value replaced on either side is replaced the same way and a playback file still replays.
import { hash64 } from '../hash/hash.js';

/** Stand-in for every password: it says nothing about the real one, not even its length. */
export const PASSWORD_STAND_IN = 'Playback-Pa55word!';

/** Digits of a card number (12–19, spaces and dashes allowed) that pass the Luhn check. */
const CARD_NUMBER = /^\d(?:[ -]?\d){11,18}$/;

/** Small seeded generator (mulberry32): the same seed gives the same stand-in. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random: () => number, from: number, count: number): string {
  return String.fromCodePoint(from + Math.floor(random() * count));
}

/** Unicode blocks whose letters are replaced by letters of the same block (IME text stays IME text). */
const BLOCKS: ReadonlyArray<{ test: RegExp; from: number; count: number }> = [
  { test: /[\u3041-\u3096]/u, from: 0x3041, count: 0x56 }, // hiragana
  { test: /[\u30a1-\u30fa]/u, from: 0x30a1, count: 0x5a }, // katakana
  { test: /[\u4e00-\u9fff]/u, from: 0x4e00, count: 0x5200 }, // CJK ideographs
  { test: /[\uac00-\ud7a3]/u, from: 0xac00, count: 0x2ba4 }, // Hangul syllables
];

/** One character's stand-in: a letter for a letter (same case), a digit for a digit; the rest kept. */
function standInChar(char: string, random: () => number, leading: boolean): string {
  // ASCII by code, without a regex per character (every typed value is stood in).
  const code = char.charCodeAt(0);
  if (char.length === 1 && code < 0x80) {
    if (code >= 0x30 && code <= 0x39)
      return leading && code !== 0x30 ? pick(random, 0x31, 9) : pick(random, 0x30, 10);
    if (code >= 0x61 && code <= 0x7a) return pick(random, 0x61, 26);
    if (code >= 0x41 && code <= 0x5a) return pick(random, 0x41, 26);
    return char;
  }
  for (const block of BLOCKS) if (block.test.test(char)) return pick(random, block.from, block.count);
  if (/\p{Lu}/u.test(char)) return pick(random, 0x41, 26);
  if (/\p{L}/u.test(char)) return pick(random, 0x61, 26);
  if (/\p{N}/u.test(char)) return pick(random, 0x30, 10);
  return char;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Sets the last digit of a card-shaped stand-in so it passes the Luhn check, as the original did. */
function fixLuhn(standIn: string): string {
  const lastDigitAt = standIn.search(/\d(?=\D*$)/);
  for (let d = 0; d <= 9; d++) {
    const candidate = standIn.slice(0, lastDigitAt) + d + standIn.slice(lastDigitAt + 1);
    if (luhnValid(candidate.replace(/\D/g, ''))) return candidate;
  }
  return standIn;
}

/**
 * A stand-in of the same shape as `value`: same length, letters for letters
 * (same case, same script for kana, CJK and Hangul), digits for digits,
 * punctuation and spaces kept, so an email stays an email and a card number
 * stays a card number (its first digit, the brand, is kept and the Luhn check
 * still passes). The same value and salt always give the same stand-in.
 */
export function standInFor(value: string, salt: string): string {
  if (value === '') return '';
  const card = isCardNumber(value);
  for (let attempt = 0; attempt < 8; attempt++) {
    const hash = hash64(`${salt}\u0000${attempt}\u0000${value}`);
    const random = generator(Number.parseInt(hash.slice(0, 8), 16) ^ Number.parseInt(hash.slice(8), 16));
    let out = '';
    let previousWasDigit = false;
    for (const char of value) {
      const code = char.charCodeAt(0);
      const isDigit = code >= 0x30 && code <= 0x39;
      out += standInChar(char, random, isDigit && !previousWasDigit);
      previousWasDigit = isDigit;
    }
    if (card) out = fixLuhn(value[0] + out.slice(1));
    // A stand-in equal to its original would give it away (likely only for one or two characters).
    if (out !== value || !/[\p{L}\p{N}]/u.test(value)) return out;
  }
  return value.replace(/[\p{L}\p{N}]/gu, (c) => (/\p{N}/u.test(c) ? '0' : 'x'));
}

/** True when the text looks personal wherever it appears: an email address or a long run of digits. */
export function looksPersonal(text: string): boolean {
  return /[^\s@]+@[^\s@]+\.[^\s@]+/.test(text) || /\d(?:[ -]?\d){4,}/.test(text);
}

/** True when `text` (digits, spaces and dashes) is a card number: 12–19 digits passing the Luhn check. */
export function isCardNumber(text: string): boolean {
  return CARD_NUMBER.test(text) && luhnValid(text.replace(/\D/g, ''));
}
