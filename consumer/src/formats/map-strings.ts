// One walk over a JSON value for the passes that rewrite its strings (making them storable, scrubbing
// secrets). Parts that come back unchanged keep their identity, so a payload with nothing to rewrite is
// returned as it came, and no copy is made.

export interface StringRewrite {
  /** The new text of a string value. */
  text(value: string): string;
  /** The new name of an object key; keys stay as they are when left out. */
  key?(name: string): string;
  /** Whether the value under this key is left as it is (not walked into). */
  keep?(name: string): boolean;
}

export function mapStrings<T>(value: T, rewrite: StringRewrite): T {
  if (typeof value === 'string') return rewrite.text(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = mapStrings(item, rewrite);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const nextKey = rewrite.key ? rewrite.key(key) : key;
      const next = rewrite.keep?.(key) ? item : mapStrings(item, rewrite);
      if (next !== item || nextKey !== key) changed = true;
      out[nextKey] = next;
    }
    return (changed ? out : value) as T;
  }
  return value;
}
