import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComparisonResult, runComparison } from '../../compare/compare.js';
import { ISSUE_PATHS } from '../../compare/constants.js';
import { CompareOptionsSchema } from '../../compare/options.js';
import { type WrittenResults, writeResults } from '../../compare/write-results.js';

// A small comparison end to end: nine sessions in Chromium through the consumer on its embedded
// defaults (five normal, two with an ad blocker, one leaving at once; a sampling change halfway).
let outDir: string;
let result: ComparisonResult;
let written: WrittenResults;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: Buffer): { width: number; height: number } {
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'playback-compare-test-'));
  const options = CompareOptionsSchema.parse({ sessions: 9, concurrency: 3, build: false, outDir });
  result = await runComparison(options);
  written = await writeResults(result, { outDir });
}, 300_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('npm run compare', () => {
  it('runs every session it planned, each on the path the SDK assigned it', () => {
    expect(result.warnings).toEqual([]);
    expect(result.sessions).toHaveLength(9);
    for (const path of ISSUE_PATHS) {
      expect(result.paths[path].sessions.normal).toBeGreaterThan(0);
      expect(result.assignment[path]).toBeGreaterThan(0);
    }
  });

  it('stores issues from every path, and every expected issue of the exception and endpoint paths', () => {
    for (const path of ISSUE_PATHS) {
      expect(result.paths[path].recall.part, path).toBeGreaterThan(0);
      expect(result.paths[path].reach.part, path).toBeGreaterThan(0);
    }
    expect(result.paths.exception.recall.share).toBe(1);
    expect(result.paths.endpoint.recall.share).toBe(1);
    // Replay carries the sessions it records, and only those.
    expect(result.paths.replay.recallCarried.share).toBe(1);
    // Nothing stored that the ground truth does not expect.
    for (const path of ISSUE_PATHS) expect(result.paths[path].precision.share, path).toBe(1);
  });

  it('loses the ad-blocked sessions’ issues: the filter list blocks every path', () => {
    const blocked = ISSUE_PATHS.filter((path) => result.paths[path].sessions.adblock > 0);
    expect(blocked.length).toBeGreaterThan(0);
    for (const path of blocked) {
      const { adBlock } = result.paths[path];
      expect(adBlock.stored.whole, path).toBeGreaterThan(0);
      expect(adBlock.stored.part, path).toBe(0);
      expect(adBlock.blockedRequestsPerSession, path).toBeGreaterThan(0);
    }
  });

  it('shows the sampling change made mid-run: dead clicks stop arriving by replay only', () => {
    expect(result.sampling.typesTouched).toEqual(['dead']);
    const { replay, exception, endpoint } = result.paths;
    expect(replay.sampling.before.share).toBe(1);
    expect(replay.sampling.after.whole).toBeGreaterThan(0);
    expect(replay.sampling.after.share).toBe(0);
    expect(replay.sampling.sampledOutAfter).toBeGreaterThan(0);
    expect(exception.sampling.after.share).toBe(1);
    expect(endpoint.sampling.after.share).toBe(1);
    // Sampling is the server's: the browser still sends those issues.
    expect(replay.sampling.kilobytesPerSessionAfter).toBeGreaterThan(0);
  });

  it('measures traffic and latency per path', () => {
    for (const path of ISSUE_PATHS) {
      const figures = result.paths[path];
      expect(figures.perSession.issueRequests, path).toBeGreaterThan(0);
      expect(figures.perSession.kilobytes!, path).toBeGreaterThan(figures.perSession.issueKilobytes!);
      expect(figures.latency.clickToStoredMs.n, path).toBe(figures.recall.part);
      // A click is stored after it is judged: never before the click, never before the SDK reported it.
      expect(figures.latency.reportedToStoredMs.p50!, path).toBeGreaterThanOrEqual(0);
      expect(figures.latency.clickToStoredMs.p50!, path).toBeGreaterThan(
        figures.latency.reportedToStoredMs.p50!,
      );
    }
  });

  it('writes the JSON, the Markdown table and the PNG charts', () => {
    expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
    const markdown = readFileSync(written.markdown, 'utf8');
    expect(markdown).toContain('| | exception | endpoint | replay |');
    expect(markdown).toContain('**recall**');
    expect(readFileSync(written.latest, 'utf8')).toBe(markdown);
    expect(written.charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of written.charts) {
      const png = readFileSync(chart);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), chart).toBe(true);
      expect(statSync(chart).size, chart).toBeGreaterThan(10_000);
      const { width, height } = pngSize(png);
      expect(width, chart).toBeGreaterThanOrEqual(760);
      expect(height, chart).toBeGreaterThanOrEqual(380);
      expect(markdown).toContain(`](${chart.slice(outDir.length + 1)})`);
    }
  });
});
