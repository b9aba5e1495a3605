import { z } from 'zod';
import { RAGE_CLICK_COUNT } from '../engine/constants.js';
import { clickIssueFingerprint } from '../fingerprint/fingerprint.js';
import { normalizeRoute } from '../fingerprint/route.js';
import { uuidFromString } from '../hash/hash.js';
import { type ClickIssue, ClickIssueSchema, type Evidence } from '../model/click-issue.js';
import { type SignalKind, SignalKindSchema } from '../model/signal.js';
import type { Target } from '../model/target.js';
import { targetFromElement } from './element-target.js';
import { RrwebEventType, RrwebIncrementalSource, RrwebMouseInteraction } from './rrweb-format.js';
import { eventTimeMs, readSentryFrame } from './sentry-frame.js';
import { finiteNumber, isRecord } from './untyped.js';

/** Sentry's slow-click timeout: a slow click and a multi-click this close on one node are one episode. */
export const SENTRY_RAGE_PAIRING_WINDOW_MS = 7_000;
/** How far a breadcrumb's time may sit from the rrweb click it describes (for the click's coordinates). */
const CLICK_MATCH_WINDOW_MS = 250;

export interface SentryBreadcrumbOptions {
  sessionId?: string | null;
  replayId?: string | null;
  /** Clicks on one still-waiting target that make a rage click (the engine's default: 3). */
  rageClickCount?: number;
}

/** The DOM node Sentry attaches to a click breadcrumb (`node`: id, tagName, textContent, recorded attributes). */
const SentryNodeSchema = z.object({
  id: z.number().optional(),
  tagName: z.string().min(1),
  textContent: z.string().catch(''),
  attributes: z.record(z.string(), z.unknown()).catch({}),
});

const ClickFrameDataSchema = z.object({
  nodeId: z.number().optional(),
  node: SentryNodeSchema.optional(),
  url: z.string().optional(),
  clickCount: z.number().int().min(1).optional(),
});

const SlowClickDataSchema = ClickFrameDataSchema.extend({
  endReason: z.string(),
  timeAfterClickMs: z.number().min(0),
});

const MultiClickDataSchema = ClickFrameDataSchema.extend({ clickCount: z.number().int().min(1) });

type ClickFrameData = z.infer<typeof ClickFrameDataSchema>;

/** One slow-click breadcrumb on its way to an issue; multi-clicks may upgrade it to rage. */
interface SlowClickEpisode {
  readonly t: number;
  readonly nodeKey: string;
  readonly target: Target;
  readonly url: string;
  readonly endReason: string;
  readonly timeAfterClickMs: number;
  clickCount: number;
  rage: boolean;
  readonly clickTimes: number[];
}

/** Sentry normalizes `data-testid` and `data-test-id` to `testId`; put the attribute names back. */
function attributesOf(raw: Record<string, unknown>): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    const name = key === 'testId' ? 'data-testid' : key;
    if (typeof value === 'string') attributes.set(name, value);
    else if (typeof value === 'number' || value === true)
      attributes.set(name, value === true ? '' : String(value));
  }
  return attributes;
}

/** The last step of Sentry's element path (`body > main > button#pay.cta`) when no node was recorded. */
function targetFromPath(message: string): Target | null {
  const last = message.split('>').pop()?.trim();
  if (!last || last === '<unknown>') return null;
  const tagName = /^[a-z][\w-]*/i.exec(last)?.[0]?.toLowerCase() ?? 'unknown';
  return { tagName, selector: last, actionable: true, ignored: false };
}

function targetOf(data: ClickFrameData, message: string): Target | null {
  if (!data.node) return targetFromPath(message);
  const { tagName, textContent, attributes } = data.node;
  // Sentry only judges buttons, links and button inputs, after its own ignore rules.
  return targetFromElement(
    { tagName: tagName.toLowerCase(), attributes: attributesOf(attributes), text: textContent },
    { actionable: true, ignored: false },
  );
}

function nodeKeyOf(data: ClickFrameData, target: Target): string {
  const id = data.nodeId ?? data.node?.id;
  return id === undefined ? `selector:${target.selector}` : `node:${id}`;
}

interface RecordedClick {
  readonly t: number;
  readonly x: number;
  readonly y: number;
}

/**
 * The rrweb clicks of the recording, for the coordinates a breadcrumb leaves out.
 * Matched by time, not node: Sentry names the closest button or link, rrweb the element under the pointer.
 */
function recordedClicks(events: readonly unknown[]): RecordedClick[] {
  const clicks: RecordedClick[] = [];
  for (const event of events) {
    if (!isRecord(event) || event.type !== RrwebEventType.IncrementalSnapshot || !isRecord(event.data))
      continue;
    const { data } = event;
    if (data.source !== RrwebIncrementalSource.MouseInteraction || data.type !== RrwebMouseInteraction.Click)
      continue;
    const t = eventTimeMs(event);
    if (t !== undefined) clicks.push({ t, x: finiteNumber(data.x) ?? 0, y: finiteNumber(data.y) ?? 0 });
  }
  return clicks;
}

function nearestClick(clicks: readonly RecordedClick[], t: number): RecordedClick | undefined {
  let nearest: RecordedClick | undefined;
  for (const click of clicks) {
    const gap = Math.abs(click.t - t);
    if (gap <= CLICK_MATCH_WINDOW_MS && (!nearest || gap < Math.abs(nearest.t - t))) nearest = click;
  }
  return nearest;
}

function endReasonOf(sentryReason: string): SignalKind | 'timeout' {
  if (sentryReason === 'timeout') return 'timeout';
  const kind = SignalKindSchema.safeParse(sentryReason);
  // Sentry answers clicks with mutations and scrolls; anything newer reads as a mutation.
  return kind.success ? kind.data : 'mutation';
}

/**
 * Sentry Replay's own click verdicts in a recording, as ClickIssues:
 * `ui.slowClickDetected` ending in `timeout` is dead, ending in a reaction is
 * slow; a `ui.multiClick` of `rageClickCount` or more on a node that had a
 * slow or dead click within SENTRY_RAGE_PAIRING_WINDOW_MS makes that click
 * rage (a multi-click on an element that answered is a fast user, not rage).
 * A slow click that Sentry counted `rageClickCount` clicks on is rage too.
 * Malformed frames are skipped.
 */
export function readSentryClickBreadcrumbs(
  events: readonly unknown[],
  options: SentryBreadcrumbOptions = {},
): ClickIssue[] {
  const { sessionId = null, replayId = null, rageClickCount = RAGE_CLICK_COUNT } = options;
  const episodes: SlowClickEpisode[] = [];
  const multiClicks: Array<{ t: number; nodeKey: string; clickCount: number }> = [];
  if (!Array.isArray(events)) return [];

  for (const event of events) {
    if (!isRecord(event)) continue;
    const frame = readSentryFrame(event);
    if (frame?.kind !== 'breadcrumb') continue;
    if (frame.category === 'ui.slowClickDetected') {
      const parsed = SlowClickDataSchema.safeParse(frame.data);
      const target = parsed.success ? targetOf(parsed.data, frame.message) : null;
      if (!parsed.success || !target) continue;
      const clickCount = parsed.data.clickCount ?? 1;
      episodes.push({
        t: frame.t,
        nodeKey: nodeKeyOf(parsed.data, target),
        target,
        url: parsed.data.url ?? '',
        endReason: parsed.data.endReason,
        timeAfterClickMs: parsed.data.timeAfterClickMs,
        clickCount,
        rage: clickCount >= rageClickCount,
        clickTimes: [frame.t],
      });
    } else if (frame.category === 'ui.multiClick') {
      const parsed = MultiClickDataSchema.safeParse(frame.data);
      const target = parsed.success ? targetOf(parsed.data, frame.message) : null;
      if (!parsed.success || !target) continue;
      multiClicks.push({
        t: frame.t,
        nodeKey: nodeKeyOf(parsed.data, target),
        clickCount: parsed.data.clickCount,
      });
    }
  }

  for (const multi of multiClicks) {
    if (multi.clickCount < rageClickCount) continue;
    const waiting = episodes.find(
      (episode) =>
        episode.nodeKey === multi.nodeKey && Math.abs(episode.t - multi.t) <= SENTRY_RAGE_PAIRING_WINDOW_MS,
    );
    if (!waiting) continue;
    waiting.rage = true;
    waiting.clickCount = Math.max(waiting.clickCount, multi.clickCount);
    waiting.clickTimes.push(multi.t);
  }

  const clicks = recordedClicks(events);
  const issues: ClickIssue[] = [];
  for (const episode of episodes.sort((a, b) => a.t - b.t)) {
    const issue = ClickIssueSchema.safeParse(toIssue(episode, clicks, sessionId, replayId));
    if (issue.success) issues.push(issue.data);
  }
  return issues;
}

function toIssue(
  episode: SlowClickEpisode,
  clicks: readonly RecordedClick[],
  sessionId: string | null,
  replayId: string | null,
): ClickIssue {
  const endReason = endReasonOf(episode.endReason);
  const type = episode.rage ? 'rage' : endReason === 'timeout' ? 'dead' : 'slow';
  const route = normalizeRoute(episode.url);
  const evidence: Evidence[] = [...episode.clickTimes]
    .sort((a, b) => a - b)
    .map((t) => {
      const match = nearestClick(clicks, t);
      return { type: 'click', t, x: match?.x ?? 0, y: match?.y ?? 0 };
    });
  const endT = episode.t + episode.timeAfterClickMs;
  evidence.push(
    endReason === 'timeout'
      ? { type: 'timeout', t: endT, afterMs: episode.timeAfterClickMs }
      : { type: 'signal', t: endT, kind: endReason, detail: 'ui.slowClickDetected' },
  );
  return {
    id: uuidFromString(
      `sentry-breadcrumb|${replayId ?? ''}|${sessionId ?? ''}|${episode.t}|${episode.nodeKey}`,
    ),
    type,
    fingerprint: clickIssueFingerprint(type, route, episode.target),
    target: episode.target,
    url: episode.url,
    route,
    timestamp: episode.t,
    timeAfterClickMs: episode.timeAfterClickMs,
    endReason,
    clickCount: episode.clickCount,
    evidence,
    error: null,
    sessionId,
    replayId,
    via: null,
    source: 'sentry-breadcrumb',
  };
}
