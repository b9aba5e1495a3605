// Server-side scrubbing of what a client sent, before anything is stored or forwarded: the SDK masks
// already, but an old SDK, a hand-written client or a file built from a HAR brings secrets in.
import { type ClickIssue, hash64, PASSWORD_STAND_IN, type PlaybackFile } from '@playback/detector';
import { mapStrings } from '../../formats/map-strings.js';
import type { ScrubSettings } from './scrub-settings.js';
import { TextScrubber } from './text-scrubber.js';

export { DEFAULT_SCRUB_SETTINGS, type ScrubSettings } from './scrub-settings.js';

/** Keys whose strings are ids, enums or structure: never scrubbed (a uuid can look like a card number). */
const STRUCTURAL_KEYS = new Set([
  'id',
  'fingerprint',
  'sessionId',
  'replayId',
  'traceId',
  'traceIds',
  'requestId',
  'type',
  'via',
  'arm',
  'source',
  'endReason',
  'kind',
  'format',
  'key',
  'code',
  'method',
  'initiator',
  'encoding',
  'mimeType',
  'level',
  'phase',
  'state',
  'by',
  'tagName',
  'role',
  'sameSite',
  'determinism',
]);

/** Every string under `value` scrubbed as text, structural keys left alone; unchanged parts keep identity. */
function scrubStrings<T>(value: T, scrubber: TextScrubber): T {
  return mapStrings(value, { text: (text) => scrubber.text(text), keep: (key) => STRUCTURAL_KEYS.has(key) });
}

/**
 * The salt of one payload's stand-ins: the same value gets the same stand-in throughout a session, and a
 * server secret keeps anyone who knows the session id from testing guesses against a stand-in.
 */
export function scrubSalt(secret: string, scope: string): string {
  return hash64(`${secret}\u0000${scope}`);
}

export function scrubClickIssue(issue: ClickIssue, settings: ScrubSettings, secret: string): ClickIssue {
  if (!settings.enabled) return issue;
  const scope = issue.sessionId ?? issue.replayId ?? issue.id;
  return scrubStrings(issue, new TextScrubber(scrubSalt(secret, scope), settings));
}

type Body = NonNullable<PlaybackFile['network'][number]['request']['body']>;

function scrubBody(body: Body | null, scrubber: TextScrubber): Body | null {
  if (body?.encoding !== 'text') return body;
  const data = scrubber.body(body.data, body.mimeType);
  return data === body.data ? body : { ...body, data, masked: true };
}

/** A selector or tag that says the field takes a password. */
function isPasswordTarget(target: { selectors: ReadonlyArray<Record<string, unknown>> }): boolean {
  return target.selectors.some((selector) =>
    Object.values(selector).some((v) => typeof v === 'string' && /passw(?:or)?d|pwd/i.test(v)),
  );
}

function scrubStorage(entries: Record<string, string>, scrubber: TextScrubber): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    out[key] = scrubber.valueForKey(key, value) ?? scrubber.text(value);
  }
  return out;
}

export function scrubPlaybackFile(file: PlaybackFile, settings: ScrubSettings, secret: string): PlaybackFile {
  if (!settings.enabled) return file;
  const scrubber = new TextScrubber(scrubSalt(secret, file.meta.id), settings);
  const steps = file.steps.map((step) => {
    if (step.type === 'input' && isPasswordTarget(step.target)) {
      return step.value === PASSWORD_STAND_IN ? step : { ...step, value: PASSWORD_STAND_IN, masked: true };
    }
    const next = scrubStrings(step, scrubber);
    if (next !== step && (next.type === 'input' || next.type === 'paste' || next.type === 'composition')) {
      return { ...next, masked: true };
    }
    return next;
  });
  const network = file.network.map((exchange) => ({
    ...exchange,
    url: scrubber.text(exchange.url),
    request: {
      headers: scrubber.headers(exchange.request.headers),
      body: scrubBody(exchange.request.body, scrubber),
    },
    response: exchange.response && {
      ...exchange.response,
      statusText: scrubber.text(exchange.response.statusText),
      headers: scrubber.headers(exchange.response.headers),
      body: scrubBody(exchange.response.body, scrubber),
    },
    ...(exchange.error !== undefined ? { error: scrubber.text(exchange.error) } : {}),
  }));
  const { storage } = file.environment;
  return {
    ...file,
    meta: scrubStrings(file.meta, scrubber),
    steps,
    network,
    environment: {
      ...file.environment,
      storage: {
        localStorage: scrubStorage(storage.localStorage, scrubber),
        sessionStorage: scrubStorage(storage.sessionStorage, scrubber),
        cookies: storage.cookies.map((cookie) => ({
          ...cookie,
          value: scrubber.valueForKey(cookie.name, cookie.value) ?? scrubber.text(cookie.value),
        })),
      },
    },
    errors: scrubStrings(file.errors, scrubber),
    console: scrubStrings(file.console, scrubber),
  };
}
