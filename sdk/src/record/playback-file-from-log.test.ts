import { PLAYBACK_FORMAT, PLAYBACK_VERSION, parsePlaybackFile } from '@playback/detector';
import { describe, expect, it } from 'vitest';
import { type FileContext, playbackFileFromLog } from './playback-file-from-log.js';
import { emptyRecorderStats } from './recorder-stats.js';
import { type Checkpoint, RecordingLog } from './recording-log.js';

const T0 = 1_763_880_000_000;
const storage = { localStorage: { theme: 'dark' }, sessionStorage: {}, cookies: [] };
const checkpoint = (t: number, url = 'https://shop.test/checkout'): Checkpoint => ({
  t,
  url,
  storage,
  steps: [],
});
const target = { selectors: [{ kind: 'id' as const, value: 'email' }], tagName: 'input' };
const context: FileContext = {
  id: 'pb1',
  now: T0 + 10_000,
  app: { name: 'shop' },
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: 1,
  userAgent: 'test',
  locale: 'en-GB',
  timeZone: 'UTC',
  replayId: null,
  traceIds: [],
  sourceName: 'test',
  maskIssue: (issue) => issue,
};

function exchange(startT: number, url = 'https://shop.test/api/cart') {
  return {
    id: `n${startT}`,
    stepIndex: null,
    initiator: 'fetch' as const,
    method: 'GET',
    url,
    request: { headers: {}, body: null },
    response: { status: 200, statusText: 'OK', headers: {}, body: null },
    timing: { startT, durationMs: 5 },
    occurrence: 0,
  };
}

describe('playbackFileFromLog', () => {
  it('writes a file the schema accepts, with times from the start and requests tied to their steps', () => {
    const log = new RecordingLog(null, true, emptyRecorderStats());
    log.begin(checkpoint(T0));
    log.pendStep('email', { type: 'input', t: T0 + 100, target, value: 'a', masked: true });
    log.pendStep('email', { type: 'input', t: T0 + 300, target, value: 'abc', masked: true });
    log.addStep({
      type: 'keydown',
      t: T0 + 400,
      key: 'Enter',
      code: 'Enter',
      modifiers: { alt: false, ctrl: false, meta: false, shift: false },
    });
    const first = log.addExchange(log.causeSeq(), exchange(T0 + 410))!;
    first.done = true;
    const second = log.addExchange(log.causeSeq(), exchange(T0 + 500))!;
    second.done = true;
    log.currentDeterminism()!.mathRandom.push(0.25);
    log.addError({ t: T0 + 600, causeSeq: log.causeSeq(), type: 'TypeError', message: 'x is undefined' });

    const file = parsePlaybackFile(playbackFileFromLog(log.contents(), context));
    expect(file.format).toBe(PLAYBACK_FORMAT);
    expect(file.version).toBe(PLAYBACK_VERSION);
    expect(file.steps.map((s) => [s.type, s.t])).toEqual([
      ['navigate', 0],
      ['input', 300],
      ['keydown', 400],
    ]);
    // Typing coalesced into one step holding the last value.
    expect(file.steps[1]).toMatchObject({ value: 'abc' });
    expect(file.network.map((n) => [n.stepIndex, n.timing.startT, n.occurrence])).toEqual([
      [2, 410, 0],
      [2, 500, 1],
    ]);
    expect(file.errors[0]).toMatchObject({ stepIndex: 2, t: 600 });
    expect(file.environment).toMatchObject({ clockStart: T0, determinism: { mathRandom: [0.25] }, storage });
    expect(file.meta).toMatchObject({ startedAt: T0, durationMs: 10_000, url: 'https://shop.test/checkout' });
  });

  it('marks an exchange still waiting for its answer instead of inventing one', () => {
    const log = new RecordingLog(null, false, emptyRecorderStats());
    log.begin(checkpoint(T0));
    log.addExchange(null, { ...exchange(T0 + 5), response: null });
    const file = parsePlaybackFile(playbackFileFromLog(log.contents(), context));
    expect(file.network[0]).toMatchObject({
      response: null,
      error: 'no response yet when the file was written',
    });
    expect(file.environment.determinism).toBeNull();
  });
});

describe('RecordingLog as a rolling buffer', () => {
  it('keeps between one and two buffer lengths, starts the file at the oldest checkpoint, and carries answers over', () => {
    const log = new RecordingLog(10_000, false, emptyRecorderStats());
    log.begin(checkpoint(T0, 'https://shop.test/a'));
    const early = log.addExchange(null, exchange(T0 + 1_000, 'https://shop.test/api/products'))!;
    early.done = true;
    log.addStep({ type: 'scroll', t: T0 + 2_000, x: 0, y: 100 });
    log.rotateIfDue(T0 + 10_000, () => checkpoint(T0 + 10_000, 'https://shop.test/b'));
    log.addStep({ type: 'scroll', t: T0 + 12_000, x: 0, y: 200 });
    log.rotateIfDue(T0 + 20_000, () => checkpoint(T0 + 20_000, 'https://shop.test/c'));
    log.addStep({ type: 'scroll', t: T0 + 21_000, x: 0, y: 300 });

    const file = parsePlaybackFile(playbackFileFromLog(log.contents(), { ...context, now: T0 + 25_000 }));
    expect(file.meta.startedAt).toBe(T0 + 10_000);
    expect(file.meta.url).toBe('https://shop.test/b');
    expect(file.steps.map((s) => [s.type, s.t])).toEqual([
      ['navigate', 0],
      ['scroll', 2_000],
      ['scroll', 11_000],
    ]);
    // The products list loaded before the buffer's start is still answered on replay.
    expect(file.network.map((n) => [n.url, n.stepIndex, n.timing.startT])).toEqual([
      ['https://shop.test/api/products', null, 0],
    ]);
  });

  it('stops trimming once told to keep everything (a click issue fired)', () => {
    const log = new RecordingLog(10_000, false, emptyRecorderStats());
    log.begin(checkpoint(T0));
    log.addStep({ type: 'scroll', t: T0 + 1_000, x: 0, y: 1 });
    log.keepAll();
    log.rotateIfDue(T0 + 50_000, () => checkpoint(T0 + 50_000));
    expect(log.contents().segments).toHaveLength(1);
    expect(log.buffering).toBe(false);
  });
});
