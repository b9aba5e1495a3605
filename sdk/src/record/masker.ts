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
 * Values too short to hunt for inside text ("ab" is in "about") are still whole fields of their
 * own somewhere: a JSON string, a URL or form parameter, or the whole body. One pattern finds
 * them all there, in one pass; a JSON key ("id": …) is a name, not a value, and is left alone.
 */
function wholeFieldPattern(forms: Iterable<string>): RegExp | null {
  const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (sorted.length === 0) return null;
  return new RegExp(`(^|"|=)(?:${sorted.join('|')})(?=$|"(?!\\s*:)|&|#)`, 'g');
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
  /** Short values by original, each as [form, the stand-in in that form]. */
  private short = new Map<string, Array<[string, string]>>();
  private shortStandIns = new Map<string, string>();
  private shortPattern: RegExp | null = null;
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
    if (this.shortPattern) {
      const standIns = this.shortStandIns;
      out = out.replace(
        this.shortPattern,
        (match, before: string) => before + standIns.get(match.slice(before.length)),
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
        this.short.set(original, searchPairs(original, standIn));
        this.shortStandIns = new Map([...this.short.values()].flat());
        this.shortPattern = wholeFieldPattern(this.shortStandIns.keys());
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
