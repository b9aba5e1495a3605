import { hash64 } from '@playback/detector';

/** What every password becomes, as in the recorder: it says nothing about the real one, not even its length. */
export const PASSWORD_STAND_IN = 'Playback-Pa55word!';

/** 12 to 19 digits, spaces or dashes between them. */
const CARD_SHAPE = /^\d(?:[ -]?\d){11,18}$/;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function isCardNumber(value: string): boolean {
  return CARD_SHAPE.test(value) && passesLuhn(value.replace(/\D/g, ''));
}

/** A stream of numbers in [0, 1) from a hex seed (xorshift32: small, and enough to pick letters). */
function randomFrom(seed: string): () => number {
  let state = Number.parseInt(seed.slice(0, 8), 16) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const letter = (random: () => number, base: number) => String.fromCharCode(base + Math.floor(random() * 26));
const digit = (random: () => number, from = 0) => String(from + Math.floor(random() * (10 - from)));

/** Makes the last digit the one that lets the number pass the Luhn check, as the original did. */
function withLuhnDigit(card: string): string {
  const at = card.search(/\d(?=\D*$)/);
  for (let d = 0; d <= 9; d++) {
    const candidate = `${card.slice(0, at)}${d}${card.slice(at + 1)}`;
    if (passesLuhn(candidate.replace(/\D/g, ''))) return candidate;
  }
  return card;
}

/**
 * A stand-in with the shape the recorder gives its stand-ins: the same
 * length, a letter for a letter of the same case, a digit for a digit,
 * everything else kept (so an email stays an email); a card number keeps its
 * first digit and still passes the Luhn check. The same value and salt always
 * give the same stand-in, so a value found in two bodies is masked alike.
 */
export function shapedStandIn(value: string, salt: string): string {
  const random = randomFrom(hash64(`${salt}\u0000${value}`));
  let out = '';
  for (const char of value) {
    if (/[a-z]/.test(char)) out += letter(random, 97);
    else if (/[A-Z]/.test(char)) out += letter(random, 65);
    else if (/[0-9]/.test(char)) out += digit(random, out === '' ? 1 : 0);
    else if (/\p{L}/u.test(char)) out += letter(random, 97);
    else out += char;
  }
  if (isCardNumber(value)) out = withLuhnDigit(`${value[0]}${out.slice(1)}`);
  return out === value && /[\p{L}\p{N}]/u.test(value) ? value.replace(/[\p{L}\p{N}]/gu, 'x') : out;
}
