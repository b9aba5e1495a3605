import { randomUUID } from 'node:crypto';
import {
  type NetworkExchange,
  PLAYBACK_FORMAT,
  PLAYBACK_VERSION,
  type PlaybackFile,
  PlaybackFileSchema,
  type Step,
} from '@playback/detector';
import { Explainer, type Explanation } from './explain.js';
import { BuildMasker } from './privacy/build-masker.js';
import { maskSourceExchanges } from './privacy/mask-exchanges.js';
import { type BackendLogEntry, readBackendLog } from './sources/backend-log.js';
import { type HarExchange, readHar } from './sources/har.js';
import { readSegmentEvents } from './sources/segment.js';
import { readSentryReplay } from './sources/sentry-replay.js';

export interface BuildSources {
  /** Playback recordings (the SDK's recorder): steps, environment, network with bodies. */
  playback?: { name: string; file: PlaybackFile }[];
  /** Sentry replays: clicks, inputs, scrolls and navigations, with fetch/XHR spans. */
  sentryReplay?: { name: string; data: unknown }[];
  /** HAR files: every request and response the browser saw. */
  har?: { name: string; data: unknown }[];
  /** Back-end logs, JSON lines: response bodies the browser did not keep. */
  backendLogs?: { name: string; text: string }[];
  /** Segment events: pages visited and tracked events. */
  segment?: { name: string; text: string }[];
}

export interface BuildOptions {
  /** Back-end log entries match a request by method and path within this window when no id links them. */
  logWindowMs?: number;
  appName?: string;
  /** Salt of the stand-ins the builder's privacy rules make; random per build unless given (tests). */
  maskSalt?: string;
}

/** Requests from two sources within this long, same method and URL, are one exchange. */
export const SAME_EXCHANGE_WINDOW_MS = 500;
/** Navigations to the same URL within this long are one step. */
export const SAME_NAVIGATION_WINDOW_MS = 1_000;
/** A request this soon after a step is attributed to it. */
export const STEP_CAUSE_WINDOW_MS = 1_000;
export const DEFAULT_LOG_WINDOW_MS = 2_000;

const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

function emptyFile(startedAt: number, url: string, appName: string): PlaybackFile {
  return {
    format: PLAYBACK_FORMAT,
    version: PLAYBACK_VERSION,
    meta: {
      id: `built-${startedAt}`,
      app: { name: appName },
      startedAt,
      durationMs: 0,
      url,
      viewport: DEFAULT_VIEWPORT,
      devicePixelRatio: 1,
      userAgent: '',
      locale: 'en-US',
      timeZone: 'UTC',
      sentry: { replayId: null, traceIds: [] },
      clickIssues: [],
      sources: [{ kind: 'playback', name: 'builder' }],
    },
    steps: [],
    network: [],
    environment: {
      clockStart: startedAt,
      determinism: null,
      storage: { localStorage: {}, sessionStorage: {}, cookies: [] },
    },
    errors: [],
    console: [],
  };
}

/** Moves a recording's relative times onto the built file's origin. */
function shift(file: PlaybackFile, by: number): PlaybackFile {
  if (by === 0) return structuredClone(file);
  const copy = structuredClone(file);
  for (const step of copy.steps) step.t += by;
  for (const exchange of copy.network) exchange.timing.startT += by;
  for (const error of copy.errors) error.t += by;
  for (const entry of copy.console) entry.t += by;
  return copy;
}

/** A body a later source may fill: missing or cut short. A masked body stays masked: no merge un-masks it. */
const canFill = (exchange: NetworkExchange) =>
  !exchange.response?.body || (exchange.response.body.truncated && !exchange.response.body.masked);

function pathAndQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/**
 * Merges sources into one playback file. The rules, in order of trust:
 * 1. Times are put on one origin: the earliest start among the sources.
 * 2. A Playback recording is the base: its steps, environment and exchanges win.
 *    Without one, a Sentry replay's interactions are the steps; with one, the
 *    replay's network spans only fill gaps, as a HAR does.
 * 3. HAR exchanges are added, except the app's own documents, scripts,
 *    styles, images, fonts and source maps (the dev server serves those); one
 *    that matches a recorded exchange (method, URL, start within
 *    SAME_EXCHANGE_WINDOW_MS) only fills a body the recording lacks, never
 *    one it masked.
 * 4. Page loads from HAR and Segment `page` calls become navigate steps, unless
 *    one to the same URL is within SAME_NAVIGATION_WINDOW_MS.
 * 5. Back-end logs fill response bodies still missing or truncated (not masked ones):
 *    by trace id, else request id, else method and path within the log window
 *    (the closest in time; each log entry used once).
 * 6. Segment `track` calls are kept as console annotations.
 * HAR, Sentry replay and log contents go through the recorder's privacy rules
 * (BuildMasker): passwords, tokens, cookies, card numbers and what the user sent.
 * Every decision is listed in the explanations (`playback build --explain`).
 */
export function mergeSources(
  sources: BuildSources,
  options: BuildOptions = {},
): { file: PlaybackFile; explanations: Explanation[] } {
  const explain = new Explainer();
  const logWindowMs = options.logWindowMs ?? DEFAULT_LOG_WINDOW_MS;
  const masker = new BuildMasker(options.maskSalt ?? randomUUID());
  const hars = (sources.har ?? []).map((h) => ({ name: h.name, exchanges: readHar(h.data, h.name) }));
  for (const har of hars) har.exchanges = maskSourceExchanges(har.exchanges, masker);
  const segments = (sources.segment ?? []).map((s) => ({
    name: s.name,
    ...readSegmentEvents(s.text, s.name),
  }));
  const recordings = sources.playback ?? [];
  const replays = (sources.sentryReplay ?? []).map((r) => ({
    name: r.name,
    ...readSentryReplay(r.data, r.name),
  }));

  const starts = [
    ...recordings.map((r) => r.file.meta.startedAt),
    ...replays.flatMap((r) => (r.read.startedAt === null ? [] : [r.read.startedAt])),
    ...hars.flatMap((h) => h.exchanges.map((e) => e.startedAt)),
    ...segments.flatMap((s) => [...s.pages.map((p) => p.t), ...s.tracks.map((t) => t.t)]),
  ].filter(Number.isFinite);
  if (starts.length === 0)
    throw new Error('nothing to build: give at least one recording, HAR file or Segment export');
  const origin = Math.min(...starts);
  explain.note(
    'time origin',
    `t = 0 is ${new Date(origin).toISOString()}, the earliest start among the sources`,
  );

  const firstUrl =
    recordings[0]?.file.meta.url ??
    replays[0]?.read.url ??
    hars.flatMap((h) => h.exchanges).find((e) => e.isDocument)?.exchange.url ??
    segments.flatMap((s) => s.pages)[0]?.url ??
    hars[0]?.exchanges[0]?.exchange.url ??
    'about:blank';
  let file: PlaybackFile;
  const [base, ...others] = recordings;
  if (base) {
    file = shift(base.file, base.file.meta.startedAt - origin);
    file.meta.startedAt = origin;
    file.environment.clockStart = origin;
    explain.note(
      'base',
      `${base.name}: its steps, environment and ${file.network.length} exchanges are kept as recorded`,
    );
    for (const other of others) {
      explain.note('ignored', `${other.name}: only one Playback recording can be the base of a file`);
    }
  } else if (replays[0]) {
    const replay = replays[0];
    file = emptyFile(origin, firstUrl, options.appName ?? 'app');
    if (replay.read.viewport) file.meta.viewport = replay.read.viewport;
    file.meta.sentry.replayId = replay.replayId;
    file.steps = replay.steps.map((step) => ({ ...step, t: Math.max(0, step.t - origin) }));
    explain.note(
      'base',
      `${replay.name}: ${file.steps.length} steps from the Sentry replay (pointer offsets unknown: clicks aim at the centre; masked inputs stay masked)`,
    );
  } else {
    file = emptyFile(origin, firstUrl, options.appName ?? 'app');
    explain.note('base', 'no Playback recording: steps come from page loads only, environment is empty');
  }
  file.meta.sources = [
    ...recordings.slice(0, 1).map((r) => ({ kind: 'playback' as const, name: r.name })),
    ...replays.map((r) => ({ kind: 'sentry-replay' as const, name: r.name })),
    ...hars.map((h) => ({ kind: 'har' as const, name: h.name })),
    ...(sources.backendLogs ?? []).map((l) => ({ kind: 'backend-log' as const, name: l.name })),
    ...segments.map((s) => ({ kind: 'segment' as const, name: s.name })),
  ];
  if (file.meta.sources.length === 0) file.meta.sources = [{ kind: 'playback', name: 'builder' }];

  // Rule 3: a replay's spans, then HAR exchanges.
  for (const replay of replays) {
    const spans = replay.network.map(({ timing, occurrence: _o, stepIndex: _s, ...exchange }) => ({
      startedAt: timing.startT,
      isDocument: false,
      isAsset: false,
      exchange: { ...exchange, durationMs: timing.durationMs },
    }));
    mergeExchanges(file, replay.name, maskSourceExchanges(spans, masker), origin, explain);
  }
  for (const har of hars) mergeExchanges(file, har.name, har.exchanges, origin, explain);

  // Rule 4: navigations.
  const navigations = [
    ...hars.flatMap((h) =>
      h.exchanges
        .filter((e) => e.isDocument)
        .map((e) => ({ t: e.startedAt, url: e.exchange.url, from: h.name })),
    ),
    ...segments.flatMap((s) => s.pages.map((p) => ({ ...p, from: s.name }))),
  ].sort((a, b) => a.t - b.t);
  for (const navigation of navigations)
    addNavigation(file, navigation.t - origin, navigation.url, navigation.from, explain);

  // Rule 6: Segment track calls.
  for (const segment of segments) {
    for (const track of segment.tracks) {
      file.console.push({
        t: Math.max(0, track.t - origin),
        level: 'info',
        message: `segment track "${track.event}" ${JSON.stringify(track.properties)}`,
      });
    }
    if (segment.tracks.length > 0)
      explain.note(
        'segment',
        `${segment.name}: ${segment.tracks.length} track calls kept as console annotations`,
      );
  }

  file.steps.sort((a, b) => a.t - b.t);
  file.network.sort((a, b) => a.timing.startT - b.timing.startT);
  file.console.sort((a, b) => a.t - b.t);
  attributeSteps(file);

  // Rule 5: back-end logs.
  for (const log of sources.backendLogs ?? []) {
    const { entries, skipped } = readBackendLog(log.text);
    if (skipped > 0)
      explain.note(
        'back-end log',
        `${log.name}: ${skipped} lines were not JSON with a time and were skipped`,
      );
    fillFromLog(file, log.name, entries, { origin, windowMs: logWindowMs, masker }, explain);
  }

  numberOccurrences(file);
  const lastT = Math.max(
    0,
    ...file.steps.map((s) => s.t),
    ...file.network.map((e) => e.timing.startT + e.timing.durationMs),
  );
  file.meta.durationMs = Math.max(file.meta.durationMs, Math.round(lastT));
  file.meta.sentry.traceIds = [
    ...new Set([
      ...file.meta.sentry.traceIds,
      ...file.network.flatMap((e) => (e.traceId ? [e.traceId] : [])),
    ]),
  ];
  return { file: PlaybackFileSchema.parse(file), explanations: explain.entries };
}

function mergeExchanges(
  file: PlaybackFile,
  name: string,
  exchanges: HarExchange[],
  origin: number,
  explain: Explainer,
): void {
  let added = 0;
  const assets = exchanges.filter((e) => e.isAsset);
  if (assets.length > 0)
    explain.note(
      'left out',
      `${name}: ${assets.length} page loads and static assets (documents, scripts, styles, images, fonts, source maps): the dev server serves them`,
    );
  // Twins come from the other sources only, one to one: two quick identical calls in this HAR are two calls.
  const others = new Set(file.network);
  for (const { startedAt, exchange } of exchanges.filter((e) => !e.isAsset)) {
    const t = Math.max(0, startedAt - origin);
    const twin = [...others].find(
      (e) =>
        e.method === exchange.method &&
        e.url === exchange.url &&
        Math.abs(e.timing.startT - t) <= SAME_EXCHANGE_WINDOW_MS,
    );
    if (twin) {
      others.delete(twin);
      explain.note(...fillTwin(twin, exchange, `${exchange.method} ${exchange.url} at ${t} ms`, name));
      continue;
    }
    const { durationMs, ...rest } = exchange;
    file.network.push({ ...rest, stepIndex: null, occurrence: 0, timing: { startT: t, durationMs } });
    added++;
  }
  explain.note('exchanges', `${name}: ${added} exchanges added`);
}

/** Fills a recorded exchange's missing body from its twin in another source; says what it did. */
function fillTwin(
  twin: NetworkExchange,
  from: HarExchange['exchange'],
  what: string,
  name: string,
): [string, string] {
  if (twin.response?.body?.masked)
    return ['kept masked', `${what}: the recording masked its body; ${name} does not un-mask it`];
  if (!canFill(twin) || !from.response?.body)
    return ['first source wins', `${what}: kept the earlier source's exchange over ${name}`];
  twin.response = { ...(twin.response ?? from.response), body: from.response.body };
  const masked = from.response.body.masked ? ' (masked by the privacy rules)' : '';
  return ['fills', `${what}: response body from ${name}${masked}`];
}

function addNavigation(file: PlaybackFile, t: number, url: string, from: string, explain: Explainer): void {
  const at = Math.max(0, t);
  // A page load never carries its #fragment (a HAR cannot see it): `/` is the recording's `/#/`.
  const sameUrl = (recorded: string) =>
    recorded === url || (!url.includes('#') && withoutHash(recorded) === url);
  const same = file.steps.find(
    (s) => s.type === 'navigate' && sameUrl(s.url) && Math.abs(s.t - at) <= SAME_NAVIGATION_WINDOW_MS,
  );
  if (same) return;
  const step: Step = { type: 'navigate', t: at, url };
  file.steps.push(step);
  explain.note('navigation', `${url} at ${at} ms, from ${from}`);
}

function withoutHash(url: string): string {
  const at = url.indexOf('#');
  return at === -1 ? url : url.slice(0, at);
}

/** The step that caused each exchange without one: the last step shortly before it. */
function attributeSteps(file: PlaybackFile): void {
  for (const exchange of file.network) {
    if (exchange.stepIndex !== null) continue;
    let cause: number | null = null;
    for (const [index, step] of file.steps.entries()) {
      if (step.t > exchange.timing.startT) break;
      if (exchange.timing.startT - step.t <= STEP_CAUSE_WINDOW_MS && step.type !== 'navigate') cause = index;
    }
    exchange.stepIndex = cause;
  }
}

function fillFromLog(
  file: PlaybackFile,
  name: string,
  entries: BackendLogEntry[],
  { origin, windowMs, masker }: { origin: number; windowMs: number; masker: BuildMasker },
  explain: Explainer,
): void {
  const used = new Set<BackendLogEntry>();
  let filled = 0;
  for (const exchange of file.network) {
    if (exchange.initiator === 'document' || !canFill(exchange)) continue;
    const candidates = entries.filter((e) => !used.has(e) && e.responseBody !== undefined);
    const byTrace = exchange.traceId ? candidates.find((e) => e.traceId === exchange.traceId) : undefined;
    const byRequest =
      !byTrace && exchange.requestId ? candidates.find((e) => e.requestId === exchange.requestId) : undefined;
    let byTime: BackendLogEntry | undefined;
    if (!byTrace && !byRequest) {
      const at = origin + exchange.timing.startT;
      const path = pathAndQuery(exchange.url);
      byTime = candidates
        .filter((e) => e.method === exchange.method && e.path === path && Math.abs(e.t - at) <= windowMs)
        .sort((a, b) => Math.abs(a.t - at) - Math.abs(b.t - at))[0];
    }
    const match = byTrace ?? byRequest ?? byTime;
    if (!match) continue;
    used.add(match);
    const how = byTrace
      ? `trace id ${exchange.traceId}`
      : byRequest
        ? `request id ${exchange.requestId}`
        : `method, path and time (±${windowMs} ms)`;
    exchange.response = {
      status: exchange.response?.status ?? match.status ?? 200,
      statusText: exchange.response?.statusText ?? '',
      headers: exchange.response?.headers ?? {},
      body: masker.body({ encoding: 'text', data: match.responseBody!, masked: false, truncated: false }),
    };
    filled++;
    explain.note(
      'back-end log fills',
      `${exchange.method} ${exchange.url}: response body from ${name} line ${match.line}, by ${how}`,
    );
  }
  explain.note('back-end log', `${name}: ${filled} response bodies filled`);
}

/** Order among identical requests (method, URL, body), which the player replays in sequence. */
function numberOccurrences(file: PlaybackFile): void {
  const seen = new Map<string, number>();
  for (const exchange of file.network) {
    const key = `${exchange.method} ${exchange.url} ${exchange.request.body?.data ?? ''}`;
    const count = seen.get(key) ?? 0;
    exchange.occurrence = count;
    seen.set(key, count + 1);
  }
}
