// playback build refuses bad sources with the file and the place inside it: a newer version,
// JSON cut short, a field of the wrong type. Nothing is written when a source is refused.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mergeSources } from '../src/build/merge-sources.js';
import { type BuildSourcePaths, readBuildSources } from '../src/build/read-build-sources.js';
import { runCli } from './support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'playback-build-bad-'));
const recordingText = readFileSync(
  new URL('../../detector/test/fixtures/playback/checkout.playback.json', import.meta.url),
  'utf8',
);
const recording = () => JSON.parse(recordingText);

/** A HAR as Chromium writes one, with a single API call. */
const har = () => ({
  log: {
    version: '1.2',
    creator: { name: 'Playwright', version: '1.56' },
    entries: [
      {
        startedDateTime: '2025-11-23T10:00:00.000Z',
        time: 12,
        _resourceType: 'fetch',
        request: { method: 'GET', url: 'https://shop.example.com/api/cart', headers: [] },
        response: {
          status: 200,
          statusText: 'OK',
          headers: [],
          content: { mimeType: 'application/json', text: '{}' },
        },
      },
    ],
  },
});

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** What `readBuildSources` + `mergeSources` throw for these files. */
async function refusal(paths: BuildSourcePaths): Promise<string> {
  try {
    mergeSources(await readBuildSources(paths));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the build to refuse its sources');
}

/** `playback build ARGS`: its exit code and what it said on stderr. */
const cli = (args: string[]) => runCli(['build', ...args]);

describe('playback build on bad input', () => {
  it('refuses a Playback recording of a future version, cut short, or with a wrong type, naming the path inside it', async () => {
    const future = write('future.playback.json', JSON.stringify({ ...recording(), version: 2 }));
    expect(await refusal({ playback: [future] })).toBe(
      `${future}: version: version 2 is newer than this reader (it reads version 1); upgrade Playback`,
    );
    const futureGz = write(
      'future.playback.json.gz',
      gzipSync(JSON.stringify({ ...recording(), version: 2 })),
    );
    expect(await refusal({ playback: [futureGz] })).toMatch(/: version: version 2 is newer/);

    const truncated = write('cut.playback.json', recordingText.slice(0, 300));
    expect(await refusal({ playback: [truncated] })).toMatch(new RegExp(`^${truncated}: not valid JSON \\(`));

    const wrong = recording();
    wrong.steps[5].target.selectors = '#pay-btn';
    const wrongPath = write('wrong.playback.json', JSON.stringify(wrong));
    expect(await refusal({ playback: [wrongPath] })).toMatch(
      new RegExp(`^${wrongPath}: steps\\[5\\]\\.target\\.selectors: `),
    );
  });

  it('refuses a HAR of a future version, cut short, or with a wrong type', async () => {
    const future = har();
    future.log.version = '2.0';
    expect(await refusal({ har: [write('future.har', JSON.stringify(future))] })).toMatch(
      /future\.har: log\.version: HAR 2\.0 is newer than this reader \(it reads HAR 1\.x\); upgrade Playback$/,
    );
    const text = JSON.stringify(har());
    expect(await refusal({ har: [write('cut.har', text.slice(0, text.length - 40))] })).toMatch(
      /cut\.har: not valid JSON \(/,
    );
    const wrong = har() as {
      log: { entries: Array<{ request: { url: unknown }; startedDateTime: string }> };
    };
    wrong.log.entries[0]!.request.url = 42;
    expect(await refusal({ har: [write('wrong.har', JSON.stringify(wrong))] })).toMatch(
      /wrong\.har: log\.entries\[0\]\.request\.url: Invalid input: expected string, received number$/,
    );
    const badDate = har();
    badDate.log.entries[0]!.startedDateTime = 'yesterday';
    expect(await refusal({ har: [write('date.har', JSON.stringify(badDate))] })).toMatch(
      /date\.har: log\.entries\[0\]\.startedDateTime: not a date/,
    );
  });

  it('refuses a Sentry replay or Segment export cut short or with a wrong type', async () => {
    const replay = write('cut-replay.json', '{"replayId":"abc","segments":[[{"type":4,"timestamp":17');
    expect(await refusal({ sentryReplay: [replay] })).toMatch(/cut-replay\.json: not valid JSON \(/);
    const segmentsOfObjects = write('objects-replay.json', JSON.stringify({ segments: [[], { type: 4 }] }));
    expect(await refusal({ sentryReplay: [segmentsOfObjects] })).toMatch(
      /objects-replay\.json: segments\[1\]: Invalid input: expected array, received object$/,
    );

    const track = { type: 'track', event: 'Cart Refreshed', timestamp: '2025-11-23T10:00:00.000Z' };
    const segmentArray = write('segment.json', JSON.stringify([track, { ...track, timestamp: 1763892000 }]));
    expect(await refusal({ segment: [segmentArray] })).toMatch(
      /segment\.json: \[1\]\.timestamp: Invalid input: expected string, received number$/,
    );
    const segmentLines = write('segment.jsonl', `${JSON.stringify(track)}\n{"type":"page","timest\n`);
    expect(await refusal({ segment: [segmentLines] })).toMatch(/segment\.jsonl: line 2: not valid JSON \(/);
  });

  it('says so on the command line, exits 2 and writes nothing', async () => {
    const out = join(dir, 'never.playback.json');
    const future = write('cli-future.playback.json', JSON.stringify({ ...recording(), version: 3 }));
    const refused = await cli(['--playback', future, '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`playback: ${future}: version: version 3 is newer than this reader`);

    const wrong = har() as { log: { entries: Array<{ time: unknown }> } };
    wrong.log.entries[0]!.time = 'slow';
    const wrongHar = write('cli-wrong.har', JSON.stringify(wrong));
    const typed = await cli(['--har', wrongHar, '-o', out]);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(/playback: .*cli-wrong\.har: log\.entries\[0\]\.time: /);
    expect(existsSync(out)).toBe(false);
  });
});
