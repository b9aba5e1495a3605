import {
  type NetworkExchange,
  type RrwebInteractions,
  readRrwebInteractions,
  type Step,
} from '@playback/detector';
import { z } from 'zod';
import { safeHeaders } from './secret-headers.js';
import { BuildSourceError } from './source-error.js';
import { selectorsFor } from './target-selectors.js';
import { traceIds } from './trace-ids.js';

const NO_MODIFIERS = { alt: false, ctrl: false, meta: false, shift: false };
const ReplayIdFields = { replayId: z.string().optional(), replay_id: z.string().optional() };
const ReplaySegmentsSchema = z.object({ ...ReplayIdFields, segments: z.array(z.array(z.unknown())) });
const ReplayEventsSchema = z.object({ ...ReplayIdFields, events: z.array(z.unknown()) });

/**
 * A Sentry replay's recording, in whichever shape it comes: one array of rrweb
 * events, an array of segments (each an array), or `{ segments }` / `{ events }`
 * as exported, with the replay id when the export has it. A wrong shape is refused
 * with the path inside the file; single malformed rrweb events are skipped by the reader.
 */
export function replayEvents(input: unknown, name: string): { events: unknown[]; replayId: string | null } {
  if (Array.isArray(input)) {
    const events = input.every(Array.isArray) ? input.flat() : input;
    return { events, replayId: null };
  }
  if (input && typeof input === 'object' && 'segments' in input) {
    const parsed = ReplaySegmentsSchema.safeParse(input);
    if (!parsed.success) throw BuildSourceError.fromZod(name, parsed.error);
    const { segments, replayId, replay_id } = parsed.data;
    return { events: segments.flat(), replayId: replayId ?? replay_id ?? null };
  }
  if (input && typeof input === 'object' && 'events' in input) {
    const parsed = ReplayEventsSchema.safeParse(input);
    if (!parsed.success) throw BuildSourceError.fromZod(name, parsed.error);
    const { events, replayId, replay_id } = parsed.data;
    return { events, replayId: replayId ?? replay_id ?? null };
  }
  throw new BuildSourceError(
    name,
    '',
    'a Sentry replay is an array of rrweb events, an array of segments, or { segments } / { events }',
  );
}

function absoluteUrl(url: string, base: string | null): string {
  try {
    return new URL(url, base ?? undefined).href;
  } catch {
    return url;
  }
}

export interface ReplaySource {
  read: RrwebInteractions;
  replayId: string | null;
  /** Steps on the replay's own clock: t is epoch ms here, shifted by the builder. */
  steps: Step[];
  /** Exchanges with absolute start times (epoch ms) in timing.startT. */
  network: NetworkExchange[];
}

/** Steps and exchanges from a Sentry replay: clicks, inputs, scrolls, focus, navigations, and fetch/XHR spans. */
export function readSentryReplay(input: unknown, name: string): ReplaySource {
  const { events, replayId } = replayEvents(input, name);
  const read = readRrwebInteractions(events);
  const steps: Step[] = [];
  for (const interaction of read.interactions) {
    switch (interaction.type) {
      case 'navigate':
        steps.push({ type: 'navigate', t: interaction.t, url: interaction.url });
        break;
      case 'click':
      case 'dblclick':
      case 'contextmenu':
        steps.push({
          type: interaction.type,
          t: interaction.t,
          target: selectorsFor(interaction.target),
          button: interaction.type === 'contextmenu' ? 2 : 0,
          modifiers: NO_MODIFIERS,
        });
        break;
      case 'input':
        steps.push({
          type: 'input',
          t: interaction.t,
          target: selectorsFor(interaction.target),
          value: interaction.value,
          masked: interaction.masked,
        });
        break;
      case 'scroll':
        steps.push({
          type: 'scroll',
          t: interaction.t,
          x: interaction.x,
          y: interaction.y,
          ...(interaction.target ? { target: selectorsFor(interaction.target) } : {}),
        });
        break;
      case 'resize':
        steps.push({
          type: 'resize',
          t: interaction.t,
          width: interaction.width,
          height: interaction.height,
        });
        break;
      case 'focus':
      case 'blur':
        steps.push({ type: interaction.type, t: interaction.t, target: selectorsFor(interaction.target) });
        break;
    }
  }
  // Replay names a request as the page passed it to fetch, often a bare path: resolve it
  // against the page the user was on then.
  const navigations = read.interactions.filter((i) => i.type === 'navigate');
  const pageUrlAt = (t: number) =>
    navigations.filter((n) => n.t <= t).at(-1)?.url ?? navigations[0]?.url ?? read.url;
  const asHeaderList = (headers: Record<string, string>) =>
    Object.entries(headers).map(([header, value]) => ({ name: header, value }));
  const network: NetworkExchange[] = read.network.map((span, index) => ({
    id: `replay${name}-${index}`,
    stepIndex: null,
    initiator: span.initiator,
    method: span.method,
    url: absoluteUrl(span.url, pageUrlAt(span.t)),
    request: {
      headers: safeHeaders(asHeaderList(span.requestHeaders)),
      body:
        span.requestBody === null
          ? null
          : { encoding: 'text', data: span.requestBody, masked: false, truncated: false },
    },
    response:
      span.status === null
        ? null
        : {
            status: span.status,
            statusText: '',
            headers: safeHeaders(asHeaderList(span.responseHeaders)),
            body:
              span.responseBody === null
                ? null
                : { encoding: 'text', data: span.responseBody, masked: false, truncated: false },
          },
    timing: { startT: span.t, durationMs: span.durationMs },
    occurrence: 0,
    // Headers listed in Replay's networkRequestHeaders / networkResponseHeaders can join a back-end log.
    ...traceIds({
      request: { headers: asHeaderList(span.requestHeaders) },
      response: { headers: asHeaderList(span.responseHeaders) },
    }),
  }));
  return { read, replayId, steps, network };
}
