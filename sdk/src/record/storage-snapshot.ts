import type { Environment } from '@playback/detector';

/** Keys Playback and Sentry keep for themselves: seeding them into a replay would mix two sessions. */
const OWN_KEY = /^(?:playback\.|__playback|sentry)/i;

/** JSON values keep their structure: only their strings are masked, so the app can still parse them. */
function maskStored(value: string, mask: (text: string) => string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(value), (_key, v: unknown) => (typeof v === 'string' ? mask(v) : v));
    } catch {
      // Not JSON after all: masked as text.
    }
  }
  return mask(value);
}

function readStorage(storage: Storage | undefined, mask: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!storage) return out;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || OWN_KEY.test(key)) continue;
    const value = storage.getItem(key);
    if (value !== null) out[key] = maskStored(value, mask);
  }
  return out;
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    // Storage refused (privacy mode, sandboxed frame): nothing to record.
    return fallback;
  }
}

/**
 * localStorage, sessionStorage and the cookies scripts can read, with values
 * masked by `mask` (the identity when masking is off). Cookies set HttpOnly
 * are out of a script's reach, and so out of the recording.
 */
export function snapshotStorage(win: Window, mask: (text: string) => string): Environment['storage'] {
  const cookies = safely(() => win.document.cookie, '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? '' : pair.slice(0, eq).trim();
      const value = eq === -1 ? pair : pair.slice(eq + 1).trim();
      return { name, value: mask(value) };
    })
    .filter((cookie) => !OWN_KEY.test(cookie.name));
  return {
    localStorage: safely(() => readStorage(win.localStorage, mask), {}),
    sessionStorage: safely(() => readStorage(win.sessionStorage, mask), {}),
    cookies,
  };
}
