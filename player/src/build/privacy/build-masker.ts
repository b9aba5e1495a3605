import type { Body } from '@playback/detector';
import { isSecretName, PASSWORD_NAME } from '@playback/detector';
import { isCardNumber, PASSWORD_STAND_IN, shapedStandIn } from './stand-in.js';

/** Values shorter than this are not searched for inside other bodies (they would match by chance). */
const MIN_REMEMBERED_LENGTH = 3;
const EMAIL = /[^\s@"'<>,;:()[\]]+@[^\s@"'<>,;:()[\]]+\.[a-z]{2,}/gi;
/** Digit runs that may be card numbers: checked with Luhn before they are masked. */
const CARD_RUN = /\d(?:[ -]?\d){11,18}/g;

/**
 * The builder's privacy rules, the recorder's applied to sources that did
 * not go through it (HAR files, back-end logs):
 * - password fields get one fixed stand-in; tokens, secrets, session ids,
 *   cookies and card fields get stand-ins of the same shape;
 * - what the user sent (the string values of request bodies) counts as typed:
 *   each gets a stand-in, the same one wherever it shows up again (a response
 *   body, a URL);
 * - emails and card numbers get stand-ins wherever they are.
 */
export class BuildMasker {
  private readonly typed = new Map<string, string>();
  private ordered: Array<[string, string]> = [];

  constructor(private readonly salt: string) {}

  /** Remembers what a request body sent, so the same values are masked alike everywhere. */
  rememberSent(body: Body | null): void {
    if (body?.encoding !== 'text') return;
    for (const [name, value] of fieldsOf(body.data)) {
      if (value.length < MIN_REMEMBERED_LENGTH || this.typed.has(value)) continue;
      this.typed.set(value, PASSWORD_NAME.test(name) ? PASSWORD_STAND_IN : shapedStandIn(value, this.salt));
    }
    // Longest first: a value that contains another is replaced whole.
    this.ordered = [...this.typed.entries()].sort((a, b) => b[0].length - a[0].length);
  }

  /** A body with the rules applied; `masked` is set when anything changed. */
  body(body: Body | null): Body | null {
    if (body?.encoding !== 'text') return body;
    const data = this.text(body.data);
    return data === body.data ? body : { ...body, data, masked: true };
  }

  /** A URL with secret query parameters and sent values masked. */
  url(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return this.loose(url);
    }
    for (const [name, value] of [...parsed.searchParams.entries()]) {
      if (isSecretName(name)) parsed.searchParams.set(name, this.secret(name, value));
    }
    const masked = parsed.toString();
    return this.loose(masked === new URL(url).toString() ? url : masked);
  }

  /** JSON, form-encoded or plain text, masked. */
  text(text: string): string {
    const json = parseJson(text);
    if (json !== undefined) return JSON.stringify(this.json(json, ''));
    if (/^[^=&\s]+=[^&]*(?:&[^=&\s]+=[^&]*)*$/.test(text.trim())) return this.form(text);
    return this.loose(text);
  }

  private secret(name: string, value: string): string {
    return PASSWORD_NAME.test(name) ? PASSWORD_STAND_IN : shapedStandIn(value, this.salt);
  }

  private json(value: unknown, key: string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.json(v, key));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.json(v, k)]),
      );
    }
    if (typeof value === 'string') return isSecretName(key) ? this.secret(key, value) : this.loose(value);
    if (typeof value === 'number' && isSecretName(key))
      return Number(shapedStandIn(String(value), this.salt));
    return value;
  }

  private form(text: string): string {
    const params = new URLSearchParams(text);
    const out = new URLSearchParams();
    for (const [name, value] of params)
      out.append(name, isSecretName(name) ? this.secret(name, value) : this.loose(value));
    return out.toString();
  }

  /** Free text: sent values, emails and card numbers replaced. */
  private loose(text: string): string {
    let out = text;
    for (const [original, standIn] of this.ordered) {
      if (out.includes(original)) out = out.split(original).join(standIn);
      const encoded = encodeURIComponent(original);
      if (encoded !== original && out.includes(encoded))
        out = out.split(encoded).join(encodeURIComponent(standIn));
    }
    out = out.replace(EMAIL, (email) => shapedStandIn(email, this.salt));
    return out.replace(CARD_RUN, (run) => (isCardNumber(run) ? shapedStandIn(run, this.salt) : run));
  }
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/** The named string values in a JSON or form body (JSON leaves under their key). */
function fieldsOf(text: string): Array<[string, string]> {
  const json = parseJson(text);
  if (json === undefined) {
    try {
      return [...new URLSearchParams(text).entries()].filter(([, v]) => v !== '');
    } catch {
      return [];
    }
  }
  const out: Array<[string, string]> = [];
  const walk = (value: unknown, key: string) => {
    if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (typeof value === 'string') out.push([key, value]);
  };
  walk(json, '');
  return out;
}
