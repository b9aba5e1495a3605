/** Never stored, whatever the source held. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']);

/** Lower-cased headers without the secret ones. */
export function safeHeaders(headers: Iterable<{ name: string; value: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    if (SECRET_HEADERS.has(key) || key.startsWith(':')) continue;
    out[key] = value;
  }
  return out;
}
