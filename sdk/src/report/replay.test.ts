import { describe, expect, it } from 'vitest';
import { makeIssue } from './issue.fixture.js';
import {
  type PublicBreadcrumb,
  replayUnavailable,
  reportViaReplay,
  reportViaReplayBreadcrumb,
} from './replay.js';

function fakeReplay(
  mode: 'session' | 'buffer' | undefined,
  opts: { paused?: boolean; throttled?: boolean } = {},
) {
  const events: unknown[] = [];
  let flushes = 0;
  let explicitFlushes = 0;
  const container = {
    recordingMode: mode ?? 'session',
    isEnabled: () => mode !== undefined,
    isPaused: () => opts.paused ?? false,
    checkAndHandleExpiredSession: () => true,
    addUpdate(cb: () => boolean | undefined) {
      if (cb() !== true) flushes++;
    },
    throttledAddEvent(event: unknown) {
      if (opts.throttled) return '__THROTTLED';
      events.push(event);
      return Promise.resolve();
    },
  };
  return {
    replay: {
      _replay: container,
      getReplayId: () => (mode ? 'r1' : undefined),
      getRecordingMode: () => mode,
      flush: async () => {
        explicitFlushes++;
      },
    },
    events,
    flushes: () => flushes,
    explicitFlushes: () => explicitFlushes,
  };
}

describe('replay path', () => {
  it('appends a ui.clickIssue breadcrumb frame carrying the ClickIssue', () => {
    const { replay, events, explicitFlushes } = fakeReplay('session');
    const issue = makeIssue({ via: 'replay' });
    expect(reportViaReplay(replay, issue, 1_700_000_009_000)).toBe(true);
    expect(events).toEqual([
      {
        type: 5,
        timestamp: 1_700_000_009_000,
        data: {
          tag: 'breadcrumb',
          payload: expect.objectContaining({
            category: 'ui.clickIssue',
            timestamp: 1_700_000_009,
            data: issue,
          }),
        },
      },
    ]);
    // Flushed at once, not after Replay's flush delay.
    expect(explicitFlushes()).toBe(1);
  });

  it('refuses, adding nothing, when Replay is not recording the session', () => {
    expect(replayUnavailable(undefined)).toMatch(/no Replay/);
    const off = fakeReplay(undefined);
    expect(reportViaReplay(off.replay, makeIssue())).toBe(false);
    const buffering = fakeReplay('buffer');
    expect(reportViaReplay(buffering.replay, makeIssue())).toBe(false);
    expect(buffering.events).toEqual([]);
    expect(buffering.explicitFlushes()).toBe(0);
    expect(reportViaReplay(fakeReplay('session', { paused: true }).replay, makeIssue())).toBe(false);
    expect(reportViaReplay(fakeReplay('session', { throttled: true }).replay, makeIssue())).toBe(false);
  });

  it('refuses when the Replay integration has no recording container it knows', () => {
    const replay = { getReplayId: () => 'r1', getRecordingMode: () => 'session' as const };
    expect(replayUnavailable(replay)).toMatch(/no recording API/);
    expect(reportViaReplay(replay, makeIssue())).toBe(false);
  });

  it('by the public route, adds a playback.clickIssue breadcrumb through addBreadcrumb and flushes', () => {
    const { replay, events, explicitFlushes } = fakeReplay('session');
    const added: PublicBreadcrumb[] = [];
    const issue = makeIssue({ via: 'replay' });
    expect(reportViaReplayBreadcrumb(replay, issue, (b) => added.push(b))).toBe(true);
    expect(added).toEqual([
      {
        type: 'default',
        category: 'playback.clickIssue',
        level: 'warning',
        message: expect.any(String),
        data: issue,
      },
    ]);
    // Nothing went through Replay's own event API.
    expect(events).toEqual([]);
    expect(explicitFlushes()).toBe(1);
  });

  it('by the public route, adds nothing when Replay is not recording the session', () => {
    const added: PublicBreadcrumb[] = [];
    expect(reportViaReplayBreadcrumb(undefined, makeIssue(), (b) => added.push(b))).toBe(false);
    expect(reportViaReplayBreadcrumb(fakeReplay(undefined).replay, makeIssue(), (b) => added.push(b))).toBe(
      false,
    );
    const buffering = fakeReplay('buffer');
    expect(reportViaReplayBreadcrumb(buffering.replay, makeIssue(), (b) => added.push(b))).toBe(false);
    expect(added).toEqual([]);
    expect(buffering.explicitFlushes()).toBe(0);
  });
});
