import {
  type NetworkExchange,
  type RrwebInteractions,
  readRrwebInteractions,
  type Step,
} from '@playback/detector';
import { safeHeaders } from '../secret-headers.js';
import { selectorsFor } from '../target-selectors.js';

const NO_MODIFIERS = { alt: false, ctrl: false, meta: false, shift: false };

/**
 * A Sentry replay's recording, in whichever shape it comes: one array of rrweb
 * events, an array of segments (each an array), or `{ segments }` / `{ events }`
 * as exported, with the replay id when the export has it.
 */
export function replayEvents(input: unknown): { events: unknown[]; replayId: string | null } {
  if (Array.isArray(input)) {
    const events = input.every(Array.isArray) ? input.flat() : input;
    return { events, replayId: null };
  }
  if (input && typeof input === 'object') {
    const record = input as { segments?: unknown; events?: unknown; replayId?: unknown; replay_id?: unknown };
    const replayId =
      typeof record.replayId === 'string'
        ? record.replayId
        : typeof record.replay_id === 'string'
          ? record.replay_id
          : null;
    if (Array.isArray(record.segments)) return { events: record.segments.flat(), replayId };
    if (Array.isArray(record.events)) return { events: record.events, replayId };
  }
  throw new Error(
    'a Sentry replay is an array of rrweb events, an array of segments, or { segments } / { events }',
  );
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
  const { events, replayId } = replayEvents(input);
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
  const network: NetworkExchange[] = read.network.map((span, index) => ({
    id: `replay${name}-${index}`,
    stepIndex: null,
    initiator: span.initiator,
    method: span.method,
    url: span.url,
    request: {
      headers: safeHeaders(Object.entries(span.requestHeaders).map(([n, value]) => ({ name: n, value }))),
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
            headers: safeHeaders(
              Object.entries(span.responseHeaders).map(([n, value]) => ({ name: n, value })),
            ),
            body:
              span.responseBody === null
                ? null
                : { encoding: 'text', data: span.responseBody, masked: false, truncated: false },
          },
    timing: { startT: span.t, durationMs: span.durationMs },
    occurrence: 0,
  }));
  return { read, replayId, steps, network };
}
