// Writes a run's results: `<date>.json` (everything), `<date>.md` and `latest.md` (the table and the
// charts; `-kafka` in both names for a run on Kafka), `<date>-<chart>.png` (SVG rendered by Chromium),
// and optionally the README's latest table.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium.js';
import type { ComparisonResult } from './compare.js';
import { comparisonCharts } from './report-charts.js';
import { resultsMarkdown, resultsTable } from './report-markdown.js';

export const README_PATH = fileURLToPath(new URL('./README.md', import.meta.url));
const README_START = '<!-- latest-results:start -->';
const README_END = '<!-- latest-results:end -->';
/** Charts are drawn at twice their CSS size, so they stay sharp on dense screens. */
const CHART_PIXEL_RATIO = 2;

export interface WrittenResults {
  json: string;
  markdown: string;
  latest: string;
  charts: string[];
}

/** `2026-11-23`, or `2026-11-23-kafka` for a run on Kafka: one set of files per day and mode. */
export function resultsBaseName(result: ComparisonResult): string {
  const day = result.generatedAt.slice(0, 10);
  return result.environment.mode === 'kafka' ? `${day}-kafka` : day;
}

async function renderCharts(result: ComparisonResult, outDir: string, base: string) {
  const specs = comparisonCharts(result);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ deviceScaleFactor: CHART_PIXEL_RATIO });
    const charts: Array<{ title: string; file: string; path: string }> = [];
    for (const spec of specs) {
      await page.setContent(`<!doctype html><html><body style="margin:0">${spec.svg}</body></html>`);
      const file = `${base}-${spec.name}.png`;
      const path = join(outDir, file);
      await page.locator('svg').screenshot({ path });
      charts.push({ title: spec.title, file, path });
    }
    return charts;
  } finally {
    await browser.close();
  }
}

/** Replaces the README's latest-results section with this run's table (the markers stay). */
function updateReadme(
  result: ComparisonResult,
  base: string,
  charts: Array<{ title: string; file: string }>,
): void {
  const readme = readFileSync(README_PATH, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start)
    throw new Error(`${README_PATH} has no ${README_START} … ${README_END} section`);
  const section = [
    README_START,
    '',
    `From \`npm run compare\` on ${result.generatedAt.slice(0, 10)}: ${result.settings.sessions} sessions on ` +
      `${result.environment.database} with the ${result.environment.queue} queue ` +
      `([all figures](results/${base}.json), [table and charts](results/${base}.md)).`,
    '',
    resultsTable(result),
    '',
    ...charts.map((chart) => `![${chart.title}](results/${chart.file})`),
    '',
  ].join('\n');
  writeFileSync(README_PATH, readme.slice(0, start) + section + readme.slice(end));
}

export async function writeResults(
  result: ComparisonResult,
  options: { outDir: string; updateReadme?: boolean },
): Promise<WrittenResults> {
  mkdirSync(options.outDir, { recursive: true });
  const base = resultsBaseName(result);
  const json = join(options.outDir, `${base}.json`);
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  const charts = await renderCharts(result, options.outDir, base);
  const markdownText = resultsMarkdown(result, charts);
  const markdown = join(options.outDir, `${base}.md`);
  const latest = join(options.outDir, result.environment.mode === 'kafka' ? 'latest-kafka.md' : 'latest.md');
  writeFileSync(markdown, markdownText);
  writeFileSync(latest, markdownText);
  // The README shows the default run: the embedded one anybody can repeat with `npm run compare`.
  if (options.updateReadme && result.environment.mode === 'embedded') updateReadme(result, base, charts);
  return { json, markdown, latest, charts: charts.map((c) => c.path) };
}
