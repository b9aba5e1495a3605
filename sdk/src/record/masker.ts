import {
  MAX_REMEMBERED_VALUES,
  MIN_SUBSTITUTED_LENGTH,
  MIN_SUBSTITUTED_LENGTH_NON_LATIN,
  PASSWORD_STAND_IN,
} from './constants.js';

/** Long enough to be searched for inside bodies without matching by chance. */
function searchable(value: string): boolean {
  const min = /[\u0250-\uffff]/.test(value) ? MIN_SUBSTITUTED_LENGTH_NON_LATIN : MIN_SUBSTITUTED_LENGTH;
  return [...value].length >= min;
}

import { looksPersonal, standInFor } from './stand-in.js';

/** The forms a value takes inside a request: as typed, JSON-escaped, URL-encoded, form-encoded. */
function encodings(value: string): string[] {
  try {
    const uri = encodeURIComponent(value);
    return [value, JSON.stringify(value).slice(1, -1), uri, uri.replace(/%20/g, '+')];
  } catch {
    // A lone surrogate cannot be URL-encoded; the other forms are still searched.
    return [value, JSON.stringify(value).slice(1, -1)];
  }
}

/** Each encoding of the original paired with the same encoding of its stand-in. */
function searchPairs(original: string, standIn: string): Array<[string, string]> {
  const from = encodings(original);
  const to = encodings(standIn);
  const seen = new Set<string>();
  const pairs: Array<[string, string]> = [];
  for (const [i, search] of from.entries()) {
    if (seen.has(search) || to[i] === undefined) continue;
    seen.add(search);
    pairs.push([search, to[i]!]);
  }
  return pairs;
}

interface Remembered {
  original: string;
  standIn: string;
  /** [search string, replacement] for each encoding. */
  pairs: Array<[string, string]>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A value too short to hunt for inside text ("ab" is in "about") is still a whole field of its
 * own somewhere: a JSON string, a URL or form parameter, or the whole body. Only there is it replaced.
 */
function wholeFieldPattern(original: string): RegExp {
  const forms = [...new Set(encodings(original))].map(escapeRegExp).join('|');
  // A JSON key ("id": …) is a name, not a value: left alone.
  return new RegExp(`(^|"|=)(?:${forms})(?=$|"(?!\\s*:)|&|#)`, 'g');
}

interface ShortValue {
  pattern: RegExp;
  /** The stand-in in the encoding of each form the pattern matches. */
  standIns: Map<string, string>;
}

/**
 * Masking that still replays. Every value the user types gets a stand-in of
 * the same shape, the same one wherever it shows up in the session: in an
 * input step, in a request or response body, in a URL, in a console message.
 * Typed values are remembered (in memory only) so they can be found again
 * inside bodies; passwords all get one fixed stand-in that says nothing about
 * them.
 */
export class Masker {
  private readonly remembered = new Map<string, Remembered>();
  private ordered: Remembered[] = [];
  private short = new Map<string, ShortValue>();
  /** Grows with every value remembered: a label judged safe before may carry the new one. */
  version = 0;

  constructor(private readonly salt: string) {}

  /** The stand-in of a typed value, remembered so that bodies carrying it are masked the same way. */
  standIn(value: string): string {
    const known = this.remembered.get(value);
    if (known) return known.standIn;
    const standIn = standInFor(value, this.salt);
    this.remember(value, standIn);
    return standIn;
  }

  /** A password's stand-in; the password itself is remembered only to keep it out of bodies. */
  password(value: string): string {
    if (value !== '' && !this.remembered.has(value)) this.remember(value, PASSWORD_STAND_IN);
    return PASSWORD_STAND_IN;
  }

  /** A stand-in that is not remembered (storage and cookie values: found only where they were read). */
  standInOnly(value: string): string {
    return this.remembered.get(value)?.standIn ?? standInFor(value, this.salt);
  }

  /** Replaces every remembered value inside `text` by its stand-in. */
  substitute(text: string): { text: string; changed: boolean } {
    let out = text;
    for (const entry of this.ordered) {
      for (const [search, replacement] of entry.pairs) {
        if (out.includes(search)) out = out.split(search).join(replacement);
      }
    }
    for (const { pattern, standIns } of this.short.values()) {
      out = out.replace(
        pattern,
        (match, before: string) => before + standIns.get(match.slice(before.length))!,
      );
    }
    return { text: out, changed: out !== text };
  }

  /** Text that names an element (a button's label, a link's text): kept unless it carries a typed value or looks personal. */
  isSafeLabel(text: string): boolean {
    if (looksPersonal(text)) return false;
    return !this.substitute(text).changed;
  }

  private remember(original: string, standIn: string): void {
    this.version++;
    if (!searchable(original)) {
      this.remembered.set(original, { original, standIn, pairs: [] });
      if (original !== '') {
        if (this.short.size >= MAX_REMEMBERED_VALUES) this.short.delete(this.short.keys().next().value!);
        const standIns = new Map(searchPairs(original, standIn));
        this.short.set(original, { pattern: wholeFieldPattern(original), standIns });
      }
      return;
    }
    if (this.remembered.size >= MAX_REMEMBERED_VALUES) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
    const pairs = searchPairs(original, standIn);
    this.remembered.set(original, { original, standIn, pairs });
    // Longest first: a value that contains another is replaced whole.
    this.ordered = [...this.remembered.values()]
      .filter((r) => r.pairs.length > 0)
      .sort((a, b) => b.original.length - a.original.length);
  }
}
