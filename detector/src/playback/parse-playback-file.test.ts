import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlaybackFileError, parsePlaybackFile, parsePlaybackFileText } from './parse-playback-file.js';

const text = readFileSync(
  new URL('../../test/fixtures/playback/checkout.playback.json', import.meta.url),
  'utf8',
);
const sample = () => JSON.parse(text);

function errorOf(run: () => unknown): PlaybackFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlaybackFileError) return error;
    throw error;
  }
  throw new Error('expected a PlaybackFileError');
}

describe('parsePlaybackFile', () => {
  it('reads a valid file and fills defaults', () => {
    const file = parsePlaybackFileText(text);
    expect(file.steps.map((s) => s.type)).toEqual([
      'navigate',
      'focus',
      'input',
      'keydown',
      'scroll',
      'click',
    ]);
    expect(file.network[0]!.response!.body).toMatchObject({ masked: false, truncated: false });
    expect(file.meta.sentry.replayId).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90');
  });

  it('refuses a file of a future version, saying to upgrade', () => {
    const error = errorOf(() => parsePlaybackFile({ ...sample(), version: 2 }));
    expect(error.path).toBe('version');
    expect(error.message).toMatch(/version 2 is newer than this reader.*upgrade/);
  });

  it('refuses another format', () => {
    expect(errorOf(() => parsePlaybackFile({ ...sample(), format: 'har' })).message).toBe(
      'format: expected "playback", found "har"',
    );
  });

  it('names the JSON position of truncated input', () => {
    const error = errorOf(() => parsePlaybackFileText(text.slice(0, 400)));
    expect(error.message).toMatch(/^not valid JSON/);
  });

  it('names the path inside the file of a wrong type', () => {
    const file = sample();
    file.steps[5].target.selectors = 'button';
    const error = errorOf(() => parsePlaybackFile(file));
    expect(error.path).toBe('steps[5].target.selectors');
    expect(error.message).toMatch(/^steps\[5\]\.target\.selectors: /);
  });

  it('lists every problem, not only the first', () => {
    const file = sample();
    file.network[1].response.status = 'five hundred';
    file.meta.viewport.width = -1;
    const error = errorOf(() => parsePlaybackFile(file));
    expect(error.problems.map((p) => p.path).sort()).toEqual([
      'meta.viewport.width',
      'network[1].response.status',
    ]);
    expect(error.message).toMatch(/and 1 more/);
  });

  it('rejects an unknown step type with its position', () => {
    const file = sample();
    file.steps.push({ type: 'teleport', t: 9000 });
    expect(errorOf(() => parsePlaybackFile(file)).path).toBe('steps[6].type');
  });
});
