// Replaces what looks secret inside free text, URLs, bodies and headers by the stand-ins the SDK masks
// with: the same value gets the same stand-in wherever it appears in one payload (one salt), so a
// scrubbed playback file still replays, and a card number stays a Luhn-valid card number.
import { isCardNumber, PASSWORD_STAND_IN, standInFor } from '@playback/detector';
import { isSecretHeader, PASSWORD_KEY, SECRET_KEY } from './secret-names.js';

export interface ScrubRules {
  /** Header names (lower case) dropped besides the built-in ones. */
  extraHeaders?: readonly string[];
  /** Keys whose values are replaced besides the built-in ones (exact names, any case). */
  extraKeys?: readonly string[];
  /** Keys never replaced (exact names, any case), e.g. a harmless `token_type`. */
  allowKeys?: readonly string[];
}

const CARD = /(?<![\w.-])\d(?:[ -]?\d){11,18}(?![\w-])/g;
const BEARER = /\b(bearer)(\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi;
/** A query or form field that carries an email (personal, and often a login name). */
const EMAIL_KEY = /^e-?mail(?:[-_]?address)?$/i;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)([^@\s/]+)@/gi;
/** `key=value` in a query string, a form body or a cookie header; the key is tested separately. */
const KEY_VALUE = /(^|[^A-Za-z0-9_.[\]-])([A-Za-z0-9_.[\]-]+)=([^&#;,()\s"'<>]*)/g;

export class TextScrubber {
  private readonly extraKeys: Set<string>;
  private readonly allowKeys: Set<string>;

  constructor(
    private readonly salt: string,
    private readonly rules: ScrubRules = {},
  ) {
    this.extraKeys = new Set((rules.extraKeys ?? []).map((k) => k.toLowerCase()));
    this.allowKeys = new Set((rules.allowKeys ?? []).map((k) => k.toLowerCase()));
  }

  /** What a value under `key` becomes: the password stand-in, a stand-in, or null (not a secret key). */
  valueForKey(key: string, value: string): string | null {
    const lower = key.toLowerCase();
    if (this.allowKeys.has(lower) || value === '') return null;
    if (PASSWORD_KEY.test(key)) return PASSWORD_STAND_IN;
    if (SECRET_KEY.test(key) || this.extraKeys.has(lower)) return standInFor(value, this.salt);
    return null;
  }

  /** Free text (a message, a label, a URL, a body): card numbers, bearer tokens, secret and email params. */
  text(text: string): string {
    if (text === '') return text;
    const out = this.plain(text);
    if (!out.includes('=')) return out;
    return out.replace(KEY_VALUE, (match, lead: string, key: string, value: string) => {
      const decoded = safeDecode(value);
      // An encoded value (`ann%40example.com`) is read as its decoded self; a plain one was read above.
      const name = safeDecode(key);
      const replaced =
        this.valueForKey(name, decoded) ??
        (EMAIL_KEY.test(name) && decoded !== '' ? standInFor(decoded, this.salt) : null) ??
        (decoded === value ? value : this.plain(decoded));
      return replaced === decoded ? match : `${lead}${key}=${encodeURIComponent(replaced)}`;
    });
  }

  /** Card numbers, bearer tokens and URL passwords, as they appear. */
  private plain(text: string): string {
    let out = text;
    if (/\d/.test(out)) {
      out = out.replace(CARD, (match) => (isCardNumber(match) ? standInFor(match, this.salt) : match));
    }
    if (/bearer/i.test(out)) {
      out = out.replace(
        BEARER,
        (_m, word: string, space: string, token: string) => `${word}${space}${standInFor(token, this.salt)}`,
      );
    }
    if (out.includes('://')) {
      out = out.replace(
        URL_PASSWORD,
        (_m, head: string, password: string) => `${head}${standInFor(password, this.salt)}@`,
      );
    }
    return out;
  }

  /** A request or response body: JSON and form fields by their keys, then everything as text. */
  body(data: string, mimeType = ''): string {
    const trimmed = data.trimStart();
    if (/json/i.test(mimeType) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(data);
        const scrubbed = this.json(parsed);
        return scrubbed === parsed ? data : JSON.stringify(scrubbed);
      } catch {
        // Not JSON after all: scrubbed as text below.
      }
    }
    return this.text(data);
  }

  /** Any JSON value: values of secret keys replaced, every string scrubbed as text. Unchanged → same object. */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((item) => {
        const next = this.json(item);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? out : value;
    }
    if (value !== null && typeof value === 'object') {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const byKey =
          typeof item === 'string' || typeof item === 'number' ? this.valueForKey(key, String(item)) : null;
        const next = byKey ?? this.json(item);
        if (next !== item) changed = true;
        out[key] = next;
      }
      return changed ? out : value;
    }
    return value;
  }

  /** Headers without the secret ones; the values of the others scrubbed as text. */
  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (isSecretHeader(name, this.rules.extraHeaders)) continue;
      out[name] = this.text(value);
    }
    return out;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
