// Screenshot checks: each shot is compared with its committed baseline in __screenshots__/ by
// pixelmatch, within a tolerance for anti-aliasing. A missing baseline is written and the check
// fails, so a new shot is looked at before it is trusted; PLAYBACK_UPDATE_SCREENSHOTS=1 rewrites them.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

export const SCREENSHOTS_DIR = fileURLToPath(new URL('./__screenshots__/', import.meta.url));

/** Per-pixel colour distance pixelmatch still calls equal (0–1): absorbs anti-aliasing noise. */
const PIXEL_THRESHOLD = 0.1;
/**
 * Share of pixels that may differ before a shot counts as changed. Runs on one machine kind repeat
 * to the pixel; this leaves room for a little anti-aliasing drift, not for a changed colour or word.
 */
const MAX_DIFF_RATIO = 0.0001;
/** A real page has at least this many distinct colours; a blank or broken render has a handful. */
const MIN_DISTINCT_COLOURS = 40;

/** What changes from run to run (times, generated ids, date axes) is hidden, keeping the layout. */
export const VOLATILE_CSS = `
  /* "40 min ago" and "1 h ago" differ in width: one fixed width keeps tables laid out alike. */
  .when { display: inline-block !important; width: 6.5em !important; overflow: hidden !important; vertical-align: bottom; }
  .when, .spinner, .activity, .occurrence-ref,
  [data-metric^="Click"] td, [data-metric^="Decided"] td, [data-metric^="Bytes"] td { visibility: hidden !important; }
  * { caret-color: transparent !important; }
  /* A sticky header would be painted mid-page in a full-page shot. */
  .topbar { position: static !important; }
`;

export interface ShotResult {
  name: string;
  width: number;
  height: number;
  diffPixels: number;
  distinctColours: number;
}

function distinctColours(png: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length && seen.size < 10_000; i += 4 * 7) {
    seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  }
  return seen.size;
}

/** Takes a full-page shot once fonts are in, compares it with the baseline, throws on a difference. */
export async function expectScreenshot(page: Page, name: string): Promise<ShotResult> {
  await page.evaluate(async () => {
    const window = globalThis as unknown as {
      document: { fonts: { ready: Promise<unknown> }; activeElement: { blur?: () => void } | null };
      scrollTo(x: number, y: number): void;
    };
    window.document.activeElement?.blur?.();
    window.scrollTo(0, 0);
    await window.document.fonts.ready;
  });
  const buffer = await page.screenshot({ fullPage: true, animations: 'disabled', style: VOLATILE_CSS });
  const actual = PNG.sync.read(buffer);
  const colours = distinctColours(actual);
  if (colours < MIN_DISTINCT_COLOURS) {
    throw new Error(`screenshot ${name} looks blank: ${colours} distinct colours`);
  }
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const baselinePath = join(SCREENSHOTS_DIR, `${name}.png`);
  const actualPath = join(SCREENSHOTS_DIR, `${name}.actual.png`);
  const diffPath = join(SCREENSHOTS_DIR, `${name}.diff.png`);
  rmSync(actualPath, { force: true });
  rmSync(diffPath, { force: true });

  if (process.env.PLAYBACK_UPDATE_SCREENSHOTS === '1' || !existsSync(baselinePath)) {
    const existed = existsSync(baselinePath);
    writeFileSync(baselinePath, buffer);
    if (!existed && process.env.PLAYBACK_UPDATE_SCREENSHOTS !== '1') {
      throw new Error(
        `no baseline for screenshot ${name}: wrote ${baselinePath}; look at it, then run again`,
      );
    }
    return { name, width: actual.width, height: actual.height, diffPixels: 0, distinctColours: colours };
  }

  const baseline = PNG.sync.read(readFileSync(baselinePath));
  if (baseline.width !== actual.width || baseline.height !== actual.height) {
    writeFileSync(actualPath, buffer);
    throw new Error(
      `screenshot ${name} is ${actual.width}×${actual.height}, its baseline ${baseline.width}×${baseline.height} ` +
        `(see ${actualPath})`,
    );
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const diffPixels = pixelmatch(baseline.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: PIXEL_THRESHOLD,
  });
  if (diffPixels > actual.width * actual.height * MAX_DIFF_RATIO) {
    writeFileSync(actualPath, buffer);
    writeFileSync(diffPath, PNG.sync.write(diff));
    throw new Error(
      `screenshot ${name} differs from its baseline in ${diffPixels} pixels (see ${actualPath} and ${diffPath}; ` +
        'PLAYBACK_UPDATE_SCREENSHOTS=1 accepts the new look)',
    );
  }
  return { name, width: actual.width, height: actual.height, diffPixels, distinctColours: colours };
}
