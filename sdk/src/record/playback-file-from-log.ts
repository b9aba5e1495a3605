// Types only: the browser bundle must not pull in the detector's zod schemas.
import type { ClickIssue, NetworkExchange, PlaybackFile, Step } from '@playback/detector';
import { type LoggedExchange, OPENING_SEQ, type Segment } from './recording-log.js';

/** What the file says about the page and the session, beside what was logged. */
export interface FileContext {
  id: string;
  /** Epoch ms the file is written at: the end of its duration. */
  now: number;
  app: PlaybackFile['meta']['app'];
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  userAgent: string;
  locale: string;
  timeZone: string;
  replayId: string | null;
  traceIds: readonly string[];
  sourceName: string;
  /** Last pass over what other code wrote (click issues): typed values become their stand-ins. */
  maskIssue: (issue: ClickIssue) => ClickIssue;
}

/** The file's `format` and `version` (the detector's PLAYBACK_FORMAT and PLAYBACK_VERSION, without its schemas). */
const FORMAT: PlaybackFile['format'] = 'playback';
const VERSION: PlaybackFile['version'] = 1;

const since = (t0: number, t: number) => Math.max(0, Math.round(t - t0));

function requestKey(exchange: NetworkExchange): string {
  return `${exchange.method} ${exchange.url} ${exchange.request.body?.data ?? ''}`;
}

/**
 * Writes the log out as a playback file: times from the start of the oldest
 * kept segment, each exchange and error tied to the index of the step that
 * caused it, identical requests numbered in order, and the oldest segment's
 * checkpoint (URL, storage, filled fields, scroll) as the first steps.
 */
export function playbackFileFromLog(
  contents: { segments: readonly Segment[]; carried: readonly LoggedExchange[] },
  context: FileContext,
): PlaybackFile {
  const first = contents.segments[0];
  if (!first) throw new Error('nothing recorded yet');
  const t0 = first.checkpoint.t;

  const logged = contents.segments.flatMap((segment) => segment.steps);
  const ordered = [...logged].sort((a, b) => a.t - b.t || a.seq - b.seq);
  const opening: Step[] = [
    { type: 'navigate', t: 0, url: first.checkpoint.url },
    ...first.checkpoint.steps.map((step) => ({ ...step, t: 0 })),
  ];
  const indexOfSeq = new Map<number, number>([[OPENING_SEQ, 0]]);
  const steps: Step[] = [...opening];
  for (const entry of ordered) {
    const { seq, ...step } = entry;
    indexOfSeq.set(seq, steps.length);
    steps.push({ ...step, t: since(t0, step.t) } as Step);
  }
  const stepIndex = (seq: number | null) => (seq === null ? null : (indexOfSeq.get(seq) ?? null));

  const exchanges = [
    ...contents.carried.map((entry) => ({ ...entry, causeSeq: null })),
    ...contents.segments.flatMap((segment) => segment.network),
  ];
  const occurrences = new Map<string, number>();
  const network: NetworkExchange[] = exchanges
    .map((entry) => {
      const exchange = entry.exchange;
      return {
        ...exchange,
        stepIndex: stepIndex(entry.causeSeq),
        timing: {
          startT: since(t0, exchange.timing.startT),
          durationMs: Math.round(exchange.timing.durationMs),
        },
        ...(entry.done || exchange.error ? {} : { error: 'no response yet when the file was written' }),
        ...(exchange.messages
          ? { messages: exchange.messages.map((m) => ({ ...m, t: since(t0, m.t) })) }
          : {}),
      };
    })
    .sort((a, b) => a.timing.startT - b.timing.startT)
    .map((exchange) => {
      const key = requestKey(exchange);
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      return { ...exchange, occurrence };
    });

  const determinisms = contents.segments.map((segment) => segment.determinism);
  const determinism = determinisms.every((d) => d !== null)
    ? {
        dateNow: determinisms.flatMap((d) => d!.dateNow),
        mathRandom: determinisms.flatMap((d) => d!.mathRandom),
        getRandomValues: determinisms.flatMap((d) => d!.getRandomValues),
        randomUUID: determinisms.flatMap((d) => d!.randomUUID),
      }
    : null;

  return {
    format: FORMAT,
    version: VERSION,
    meta: {
      id: context.id,
      app: context.app,
      startedAt: Math.round(t0),
      durationMs: since(t0, context.now),
      url: first.checkpoint.url,
      viewport: context.viewport,
      devicePixelRatio: context.devicePixelRatio,
      userAgent: context.userAgent,
      locale: context.locale,
      timeZone: context.timeZone,
      sentry: { replayId: context.replayId, traceIds: [...context.traceIds] },
      clickIssues: contents.segments.flatMap((segment) => segment.clickIssues).map(context.maskIssue),
      sources: [{ kind: 'playback', name: context.sourceName }],
    },
    steps,
    network,
    environment: {
      clockStart: Math.round(t0),
      determinism,
      storage: first.checkpoint.storage,
    },
    errors: contents.segments
      .flatMap((segment) => segment.errors)
      .map(({ causeSeq, t, ...error }) => ({ ...error, t: since(t0, t), stepIndex: stepIndex(causeSeq) })),
    console: contents.segments
      .flatMap((segment) => segment.console)
      .map((entry) => ({ ...entry, t: since(t0, entry.t) })),
  };
}
