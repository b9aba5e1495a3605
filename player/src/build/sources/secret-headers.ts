import { isSecretHeaderName } from '@playback/detector';

/** Lower-cased headers without the ones that carry credentials (never stored, whatever the source held). */
export function safeHeaders(headers: Iterable<{ name: string; value: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    if (isSecretHeaderName(key) || key.startsWith(':')) continue;
    out[key] = value;
  }
  return out;
}
