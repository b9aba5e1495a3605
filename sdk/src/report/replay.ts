import type { ClickIssue } from '@playback/detector/engine';
import { addBreadcrumb as sentryAddBreadcrumb } from '@sentry/browser';
import {
  PUBLIC_BREADCRUMB_CATEGORY,
  REPLAY_BREADCRUMB_CATEGORY,
  RRWEB_CUSTOM_EVENT_TYPE,
} from '../shared/constants.js';
import { clickIssueMessage } from './exception.js';
import type { IssuePath } from './path.js';
import type { ReplayLike } from './sentry-api.js';

/** The breadcrumb fields Sentry's public `addBreadcrumb` takes. */
export interface PublicBreadcrumb {
  type: 'default';
  category: string;
  level: 'warning';
  message: string;
  data: ClickIssue;
}

/** The recording container inside the integration (Sentry 8–11 `ReplayContainer`). */
interface ReplayContainerLike {
  isEnabled(): boolean;
  isPaused(): boolean;
  recordingMode: 'session' | 'buffer';
  checkAndHandleExpiredSession?(): unknown;
  addUpdate(cb: () => unknown): void;
  throttledAddEvent(event: unknown): unknown;
}

function containerOf(replay: ReplayLike): ReplayContainerLike | null {
  const container = (replay as unknown as { _replay?: ReplayContainerLike })._replay;
  if (
    container &&
    typeof container.addUpdate === 'function' &&
    typeof container.throttledAddEvent === 'function' &&
    typeof container.isEnabled === 'function'
  ) {
    return container;
  }
  return null;
}

/** Why Replay's public API says the session is not being recorded, or null when it is. */
function notRecording(replay: ReplayLike | undefined): string | null {
  if (!replay) return 'no Replay integration';
  if (!replay.getReplayId()) return 'Replay is not recording this session';
  if (replay.getRecordingMode() !== 'session') return 'Replay is only buffering (sent on error only)';
  return null;
}

/** Why an issue cannot go into the recording by Replay's own frame route now, or null when it can. */
export function replayUnavailable(replay: ReplayLike | undefined): string | null {
  const reason = notRecording(replay);
  if (reason !== null) return reason;
  const container = containerOf(replay!);
  if (!container) return 'this Replay version has no recording API Playback knows';
  if (!container.isEnabled() || container.isPaused()) return 'Replay is paused';
  return null;
}

/** The breadcrumb frame, shaped as Sentry's own `ui.slowClickDetected` frames. */
export function clickIssueBreadcrumb(issue: ClickIssue, nowMs: number) {
  return {
    type: RRWEB_CUSTOM_EVENT_TYPE,
    timestamp: nowMs,
    data: {
      tag: 'breadcrumb',
      payload: {
        timestamp: nowMs / 1000,
        type: 'default',
        category: REPLAY_BREADCRUMB_CATEGORY,
        level: 'warning',
        message: clickIssueMessage(issue),
        data: issue,
      },
    },
  };
}

/** Sends the segment now rather than after Replay's flush delay (up to 5.5 s by default). */
function flushNow(replay: ReplayLike): void {
  // An issue often comes right before the user leaves, and a page that unloads first loses it.
  // Recording mode was checked before, so this flushes the session; it never starts a new one.
  if (typeof replay.flush === 'function') void replay.flush().catch(() => {});
}

/**
 * Appends a `ui.clickIssue` breadcrumb to the Replay recording and flushes,
 * so it travels in the next `replay_recording` segment, sent at once.
 * Returns false (and adds nothing) when Replay is not recording this session.
 *
 * Why not `Sentry.addBreadcrumb`: Replay copies public breadcrumbs into the
 * recording but drops every `ui.*` category (it records UI events itself).
 * So the frame goes in the way Replay adds its own dead/rage-click frames.
 */
export function reportViaReplay(
  replay: ReplayLike | undefined,
  issue: ClickIssue,
  nowMs: number = Date.now(),
): boolean {
  if (replayUnavailable(replay) !== null) return false;
  const container = containerOf(replay!)!;
  container.checkAndHandleExpiredSession?.();
  if (container.recordingMode !== 'session') return false;
  const frame = clickIssueBreadcrumb(issue, nowMs);
  let added = false;
  container.addUpdate(() => {
    const result = container.throttledAddEvent(frame);
    // Replay answers a string ("__THROTTLED", "__SKIPPED") when it refused the event.
    added = typeof result !== 'string';
    return true;
  });
  if (added) flushNow(replay!);
  return added;
}

/**
 * The public-API route: a `playback.clickIssue` breadcrumb through Sentry's `addBreadcrumb`, which
 * Replay copies into the recording while it records this session, then a flush. Returns false (and
 * adds nothing) when Replay is not recording. Replay's throttling cannot be seen from here.
 */
export function reportViaReplayBreadcrumb(
  replay: ReplayLike | undefined,
  issue: ClickIssue,
  addBreadcrumb: (breadcrumb: PublicBreadcrumb) => void,
): boolean {
  if (notRecording(replay) !== null) return false;
  addBreadcrumb({
    type: 'default',
    category: PUBLIC_BREADCRUMB_CATEGORY,
    level: 'warning',
    message: clickIssueMessage(issue),
    data: issue,
  });
  flushNow(replay!);
  return true;
}

/**
 * The `replay` path: into the Replay recording, by Replay's own frame route or (`replayRoute:
 * 'breadcrumb'`) the public one. False when Replay is not recording: the fallback carries the issue.
 */
export function replayPathWith(
  addBreadcrumb: (breadcrumb: PublicBreadcrumb) => void = sentryAddBreadcrumb,
): IssuePath {
  return {
    path: 'replay',
    send(issue, context) {
      const replay = context.replay();
      const recorded =
        context.options.replayRoute === 'breadcrumb'
          ? reportViaReplayBreadcrumb(replay, issue, addBreadcrumb)
          : reportViaReplay(replay, issue);
      if (recorded) context.stats.sent.replay++;
      return recorded;
    },
  };
}

export const replayPath: IssuePath = /* @__PURE__ */ replayPathWith();
