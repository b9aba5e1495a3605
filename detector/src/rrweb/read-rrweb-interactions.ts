import type { Target } from '../model/target.js';
import { factsOf, resolveClickTarget } from './click-target.js';
import { targetFromElement } from './element-target.js';
import { RrwebNodeTree } from './node-tree.js';
import { RrwebEventType, RrwebIncrementalSource, RrwebMouseInteraction } from './rrweb-format.js';
import { eventTimeMs, frameTimeMs, readSentryFrame } from './sentry-frame.js';
import { finiteNumber, isRecord, string, type UnknownRecord } from './untyped.js';
import { resolveUrl } from './url.js';

/** What the user did, as a replay recorded it; times are epoch ms. */
export type RrwebInteraction =
  | { type: 'navigate'; t: number; url: string }
  | { type: 'click' | 'dblclick' | 'contextmenu'; t: number; target: Target; x: number; y: number }
  | { type: 'input'; t: number; target: Target; value: string; masked: boolean; checked?: boolean }
  | { type: 'scroll'; t: number; target: Target | null; x: number; y: number }
  | { type: 'resize'; t: number; width: number; height: number }
  | { type: 'focus' | 'blur'; t: number; target: Target };

/** A request Sentry Replay recorded as a performance span (bodies only for networkDetailAllowUrls). */
export interface RrwebNetworkSpan {
  t: number;
  durationMs: number;
  initiator: 'fetch' | 'xhr';
  method: string;
  url: string;
  status: number | null;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
}

export interface RrwebInteractions {
  startedAt: number | null;
  url: string | null;
  viewport: { width: number; height: number } | null;
  interactions: RrwebInteraction[];
  network: RrwebNetworkSpan[];
}

/** rrweb masks input values with asterisks (Sentry's maskAllInputs is on by default). */
const MASKED_VALUE = /^\*+$/;
/** Document node ids scroll the window. */
const WINDOW_SCROLL_NODE_IDS = new Set([1]);

const MOUSE_TYPES: Partial<Record<number, 'click' | 'dblclick' | 'contextmenu' | 'focus' | 'blur'>> = {
  [RrwebMouseInteraction.Click]: 'click',
  [RrwebMouseInteraction.DblClick]: 'dblclick',
  [RrwebMouseInteraction.ContextMenu]: 'contextmenu',
  [RrwebMouseInteraction.Focus]: 'focus',
  [RrwebMouseInteraction.Blur]: 'blur',
};

function headers(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) if (typeof v === 'string') out[name.toLowerCase()] = v;
  return out;
}

function body(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The user's interactions and the network in an rrweb stream as Sentry Replay
 * records it: clicks (with targets rebuilt from the node tree, as the click
 * detector sees them), inputs, scrolls, focus, resizes, navigations, and the
 * fetch and XHR spans. Used to turn a Sentry replay into a playback file.
 * Malformed events are skipped.
 */
export function readRrwebInteractions(events: readonly unknown[]): RrwebInteractions {
  const tree = new RrwebNodeTree();
  const out: RrwebInteractions = {
    startedAt: null,
    url: null,
    viewport: null,
    interactions: [],
    network: [],
  };
  let url = '';
  const describe = (id: number): Target | undefined => resolveClickTarget(tree, id)?.target;
  const describeExact = (id: number): Target | undefined => {
    const node = tree.elementOf(id);
    return node ? targetFromElement(factsOf(tree, node), { actionable: true, ignored: false }) : undefined;
  };
  const navigate = (to: string, t: number) => {
    const next = url ? resolveUrl(url, to) : to;
    if (next === url) return;
    url = next;
    out.url ??= next;
    out.interactions.push({ type: 'navigate', t, url: next });
  };
  const sorted = events
    .filter(isRecord)
    .map((event) => ({ event, t: eventTimeMs(event) }))
    .filter((e): e is { event: UnknownRecord; t: number } => e.t !== undefined)
    .sort((a, b) => a.t - b.t);
  for (const { event, t } of sorted) {
    out.startedAt ??= t;
    const data = isRecord(event.data) ? event.data : undefined;
    switch (event.type) {
      case RrwebEventType.Meta: {
        const href = string(data?.href);
        if (href) navigate(href, t);
        const width = finiteNumber(data?.width);
        const height = finiteNumber(data?.height);
        if (width && height) out.viewport ??= { width, height };
        break;
      }
      case RrwebEventType.FullSnapshot:
        if (data) tree.loadSnapshot(data.node);
        break;
      case RrwebEventType.IncrementalSnapshot:
        if (data) readIncremental(data, t);
        break;
      case RrwebEventType.Custom:
        readCustom(event);
        break;
    }
  }
  return out;

  function readIncremental(data: UnknownRecord, t: number): void {
    const id = finiteNumber(data.id);
    switch (data.source) {
      case RrwebIncrementalSource.Mutation:
        tree.applyMutation(data);
        return;
      case RrwebIncrementalSource.MouseInteraction: {
        const type = MOUSE_TYPES[finiteNumber(data.type) ?? -1];
        if (!type || id === undefined) return;
        if (type === 'focus' || type === 'blur') {
          const target = describeExact(id);
          if (target) out.interactions.push({ type, t, target });
          return;
        }
        const target = describe(id);
        if (target) {
          out.interactions.push({
            type,
            t,
            target,
            x: finiteNumber(data.x) ?? 0,
            y: finiteNumber(data.y) ?? 0,
          });
        }
        return;
      }
      case RrwebIncrementalSource.Input: {
        if (id === undefined || data.userTriggered === false) return;
        const target = describeExact(id);
        const value = string(data.text);
        if (!target || value === undefined) return;
        const checked = typeof data.isChecked === 'boolean' ? { checked: data.isChecked } : {};
        out.interactions.push({
          type: 'input',
          t,
          target,
          value,
          masked: MASKED_VALUE.test(value),
          ...checked,
        });
        return;
      }
      case RrwebIncrementalSource.Scroll: {
        if (id === undefined) return;
        const x = finiteNumber(data.x) ?? 0;
        const y = finiteNumber(data.y) ?? 0;
        const target = WINDOW_SCROLL_NODE_IDS.has(id) ? null : (describeExact(id) ?? null);
        out.interactions.push({ type: 'scroll', t, target, x, y });
        return;
      }
      case RrwebIncrementalSource.ViewportResize: {
        const width = finiteNumber(data.width);
        const height = finiteNumber(data.height);
        if (width && height) out.interactions.push({ type: 'resize', t, width, height });
        return;
      }
    }
  }

  function readCustom(event: UnknownRecord): void {
    const frame = readSentryFrame(event);
    if (!frame) return;
    if (frame.kind === 'breadcrumb' && frame.category === 'navigation') {
      const to = string(frame.data.to);
      if (to) navigate(to, frame.t);
      return;
    }
    if (frame.kind !== 'span') return;
    if (frame.op === 'navigation.push' && frame.description) {
      navigate(frame.description, frame.t);
      return;
    }
    if (frame.op !== 'resource.fetch' && frame.op !== 'resource.xhr') return;
    const payload = isRecord(event.data) && isRecord(event.data.payload) ? event.data.payload : {};
    const end = frameTimeMs(payload.endTimestamp, frame.t);
    const request = isRecord(frame.data.request) ? frame.data.request : {};
    const response = isRecord(frame.data.response) ? frame.data.response : {};
    out.network.push({
      t: frame.t,
      durationMs: Math.max(0, end - frame.t),
      initiator: frame.op === 'resource.fetch' ? 'fetch' : 'xhr',
      method: (string(frame.data.method) ?? 'GET').toUpperCase(),
      url: frame.description,
      status: finiteNumber(frame.data.statusCode) ?? null,
      requestHeaders: headers(request.headers),
      requestBody: body(request.body),
      responseHeaders: headers(response.headers),
      responseBody: body(response.body),
    });
  }
}
