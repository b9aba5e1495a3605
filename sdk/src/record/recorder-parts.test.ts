// The recorder's parts with their defaults injected: no browser needed.
import { describe, expect, it } from 'vitest';
import { makeIssue } from '../report/issue.fixture.js';
import { recordingDelivery } from './delivery.js';
import { issueWindow } from './issue-window.js';
import { isStepKey } from './key-steps.js';
import { recordNavigationSteps } from './navigation-steps.js';
import { emptyRecorderStats } from './recorder-stats.js';
import { newRecordingSession } from './recording-session.js';
import type { StepSink } from './step-sink.js';

const input = { localName: 'input', type: 'text' } as unknown as Element;

describe('isStepKey', () => {
  it('keeps editing keys in a text field, and asks for privacy only for them', () => {
    let asked = 0;
    const privacy = () => {
      asked++;
      return 'masked' as const;
    };
    expect(isStepKey('a', input, privacy)).toBe(false);
    expect(isStepKey('Shift', input, privacy)).toBe(false);
    expect(asked).toBe(0);
    expect(isStepKey('Backspace', input, privacy)).toBe(true);
    expect(isStepKey('Backspace', input, () => 'password')).toBe(false);
    expect(isStepKey('Enter', input, () => 'password')).toBe(true);
    expect(isStepKey('a', null, privacy)).toBe(true);
  });
});

describe('recordNavigationSteps', () => {
  it('writes a navigate step when the shared history hook reports a new URL, and not for the same one', () => {
    const win = { location: { href: 'https://shop.test/' } } as unknown as Window;
    const steps: unknown[] = [];
    let notify: () => void = () => {};
    let detached = false;
    const sink = {
      active: () => true,
      fail: () => {},
      now: () => 5,
      recordedUrl: (url: string) => url,
      log: { addStep: (step: unknown) => steps.push(step) },
    } as unknown as StepSink;
    const stop = recordNavigationSteps(
      sink,
      () => {},
      win,
      (_w, listener) => {
        notify = () => listener('pushState');
        return () => {
          detached = true;
        };
      },
    );
    notify();
    (win.location as { href: string }).href = 'https://shop.test/cart';
    notify();
    expect(steps).toEqual([{ type: 'navigate', t: 5, url: 'https://shop.test/cart' }]);
    stop();
    expect(detached).toBe(true);
  });
});

describe('issueWindow', () => {
  it('with onIssueOnly keeps the buffer, sends it at once, and again when the window ends', () => {
    const stats = emptyRecorderStats();
    const session = newRecordingSession({ bufferMs: 60_000, determinism: false }, stats, () => 'ab');
    session.log.begin({
      t: 0,
      url: 'https://shop.test/',
      storage: { localStorage: {}, sessionStorage: {}, cookies: [] },
      steps: [],
    });
    const delivered: boolean[] = [];
    const timers: Array<() => void> = [];
    let restarted = 0;
    const window = issueWindow({
      onIssueOnly: true,
      afterIssueMs: 30_000,
      uploadsToEndpoint: true,
      stats,
      session: () => session,
      deliver: (leaving) => delivered.push(leaving),
      restart: () => restarted++,
      fail: () => {},
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => {},
    });
    window.onIssue(makeIssue());
    expect(session.log.buffering).toBe(false);
    expect(stats.state).toBe('recording');
    expect(delivered).toEqual([false]);
    timers.at(-1)!();
    expect(delivered).toEqual([false, false]);
    expect(restarted).toBe(1);
  });
});

describe('recordingDelivery', () => {
  it('uploads a changed recording once, and again after a failed upload', async () => {
    const stats = emptyRecorderStats();
    const statuses = [500, 200];
    const file = {
      meta: { id: 'x', clickIssues: [] },
      steps: [],
      network: [],
      errors: [],
    } as never;
    const delivery = recordingDelivery({
      upload: 'endpoint',
      stats,
      fail: () => {},
      endpointUrl: () => 'https://ingest.test/api/1/playback/',
      exportFile: () => file,
      pageFetch: () => fetch,
      doc: () => null,
      uploadFile: async () => {
        const status = statuses.shift() ?? 200;
        return { ok: status === 200, status, gzip: true };
      },
    });
    expect(await delivery.send(false)).toBe(false);
    expect(await delivery.send(false)).toBe(true);
    expect(await delivery.send(false)).toBe(true);
    expect(stats.uploads).toEqual({ attempted: 2, succeeded: 1, failed: 1, lastStatus: 200 });
  });
});
