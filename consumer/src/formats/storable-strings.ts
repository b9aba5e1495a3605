// PostgreSQL refuses a NUL in text and jsonb, and jsonb refuses a lone surrogate. One such string in a
// write shared by many payloads would fail them all, so strings are checked before anything is queued.
import { mapStrings } from './map-strings.js';

/** A JSON text can hold one only as an escape: most payloads skip the walk. */
const SUSPECT_ESCAPE = /\\u0000|\\u[dD][89a-fA-F]/;

export interface UnstorableString {
  /** Where it is, e.g. `issues[3].target.text`. */
  path: string;
  reason: 'NUL character' | 'unpaired surrogate';
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function reasonOf(text: string): UnstorableString['reason'] | null {
  if (text.includes('\u0000')) return 'NUL character';
  if (LONE_SURROGATE.test(text)) return 'unpaired surrogate';
  return null;
}

/** True when the JSON text may hold an unstorable string (false is certain). */
export function mayHoldUnstorable(jsonText: string): boolean {
  return SUSPECT_ESCAPE.test(jsonText);
}

/** The first string (or key) under `value` that a PostgreSQL text or jsonb column would refuse. */
export function findUnstorableString(value: unknown, path = ''): UnstorableString | null {
  if (typeof value === 'string') {
    const reason = reasonOf(value);
    return reason ? { path: path || '(root)', reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableString(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const keyReason = reasonOf(key);
      if (keyReason) return { path: at, reason: keyReason };
      const found = findUnstorableString(item, at);
      if (found) return found;
    }
  }
  return null;
}

function storable(text: string): string {
  return reasonOf(text) ? text.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATES, '\ufffd') : text;
}

/** Every NUL and unpaired surrogate replaced by U+FFFD: for text a client captured and cannot help. */
export function replaceUnstorable<T>(value: T): T {
  return mapStrings(value, { text: storable, key: storable });
}
