import type { Body, NetworkExchange } from '@playback/detector';
import { MAX_TOTAL_BODY_BYTES } from './constants.js';
import { keepHeaders, requestIdOf, traceIdOf } from './headers.js';
import type { Masker } from './masker.js';
import type { RecorderStats } from './recorder-stats.js';
import type { LoggedExchange, RecordingLog } from './recording-log.js';
import { isTelemetryUrl, urlAllowed } from './url-allow.js';

/** What the fetch, XHR and beacon hooks share. */
export interface NetworkCapture {
  log: RecordingLog;
  masker: Masker;
  stats: RecorderStats;
  now(): number;
  /** URLs whose bodies are kept (`networkDetailAllowUrls`). */
  allowBodies: ReadonlyArray<string | RegExp>;
  requestHeaders: ReadonlySet<string>;
  responseHeaders: ReadonlySet<string>;
  /** Whether recording is on right now (the hooks stay installed while stopped). */
  active(): boolean;
  fail(where: string): void;
  /** Trace ids seen in request headers, for `meta.sentry.traceIds`. */
  traceIds: Set<string>;
  /** Body characters kept so far in this recording. */
  bodyChars: number;
}

let exchangeCounter = 0;

function absoluteUrl(url: string): string {
  try {
    return new URL(url, location.href).href;
  } catch {
    return url;
  }
}

/** Starts an exchange when the page makes a request; null when it is not recorded (telemetry, stopped, full). */
export function startExchange(
  capture: NetworkCapture,
  request: {
    initiator: NetworkExchange['initiator'];
    method: string;
    url: string;
    headers: Array<[string, string]>;
  },
): LoggedExchange | null {
  if (!capture.active()) return null;
  const url = absoluteUrl(request.url);
  if (isTelemetryUrl(url)) return null;
  // A typing step still pending (a debounced search) is written first, so its value is
  // remembered as masked before the URL that carries it is kept.
  const causeSeq = capture.log.causeSeq();
  const traceId = traceIdOf(request.headers);
  if (traceId) capture.traceIds.add(traceId);
  const requestId = requestIdOf(request.headers);
  const exchange: NetworkExchange = {
    id: `n${++exchangeCounter}`,
    stepIndex: null,
    initiator: request.initiator,
    method: request.method.toUpperCase(),
    url: capture.masker.substitute(url).text,
    request: { headers: keepHeaders(request.headers, capture.requestHeaders), body: null },
    response: null,
    timing: { startT: capture.now(), durationMs: 0 },
    occurrence: 0,
    ...(traceId ? { traceId } : {}),
    ...(requestId ? { requestId } : {}),
  };
  const entry = capture.log.addExchange(causeSeq, exchange);
  if (entry) capture.stats.exchanges++;
  return entry;
}

/** True when the URL's bodies may be kept. */
export function bodiesAllowed(capture: NetworkCapture, entry: LoggedExchange): boolean {
  return urlAllowed(entry.exchange.url, capture.allowBodies);
}

/** A body as it is kept: typed values swapped for their stand-ins; left out past the session's budget. */
export function keepBody(capture: NetworkCapture, body: Body | null): Body | null {
  if (!body) return null;
  if (capture.bodyChars + body.data.length > MAX_TOTAL_BODY_BYTES) {
    capture.stats.dropped.bodies++;
    return null;
  }
  capture.bodyChars += body.data.length;
  if (body.encoding !== 'text') return body;
  const { text, changed } = capture.masker.substitute(body.data);
  return changed ? { ...body, data: text, masked: true } : body;
}

export function finishExchange(
  capture: NetworkCapture,
  entry: LoggedExchange,
  response: { status: number; statusText: string; headers: Array<[string, string]>; body: Body | null },
): void {
  const exchange = entry.exchange;
  exchange.response = {
    status: response.status,
    statusText: response.statusText,
    headers: keepHeaders(response.headers, capture.responseHeaders),
    body: keepBody(capture, response.body),
  };
  exchange.timing.durationMs = Math.max(0, capture.now() - exchange.timing.startT);
  const requestId = exchange.requestId ?? requestIdOf(response.headers);
  if (requestId) exchange.requestId = requestId;
  entry.done = true;
}

export function failExchange(capture: NetworkCapture, entry: LoggedExchange, error: string): void {
  entry.exchange.error = error.slice(0, 300);
  entry.exchange.timing.durationMs = Math.max(0, capture.now() - entry.exchange.timing.startT);
  entry.done = true;
}
