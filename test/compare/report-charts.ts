// The comparison's charts as SVG: grouped bars, one colour per path. Rendered to PNG by Chromium
// (write-results.ts), so no charting library is needed for four bar charts.
import type { ComparisonResult } from './compare.js';
import { ISSUE_PATHS } from './constants.js';
import type { Ratio } from './figures.js';

export interface ChartSpec {
  /** File-name part: `<date>-<name>.png`. */
  name: string;
  title: string;
  svg: string;
}

/** One colour per path, from the Tableau 10 palette (distinct for common colour blindness). */
const PATH_COLOURS: Record<(typeof ISSUE_PATHS)[number], string> = {
  exception: '#4e79a7',
  endpoint: '#f28e2b',
  replay: '#59a14f',
};

const WIDTH = 760;
const HEIGHT = 380;
const MARGIN = { top: 64, right: 24, bottom: 72, left: 64 };
const TICKS = 5;

interface BarGroup {
  label: string;
  /** One value per path, in ISSUE_PATHS order; null draws nothing (not measured). */
  values: Array<number | null>;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A round axis top at or above `max`: 1, 2 or 5 times a power of ten. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((step) => step * power >= max) ?? 10) * power;
}

function groupedBars(options: {
  title: string;
  unit: string;
  groups: BarGroup[];
  max?: number;
  format: (value: number) => string;
}): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = options.groups.flatMap((g) => g.values.filter((v): v is number => v !== null));
  const top = options.max ?? niceMax(Math.max(0, ...values));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const groupWidth = plotWidth / options.groups.length;
  const barWidth = Math.min(48, (groupWidth * 0.75) / ISSUE_PATHS.length);
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="28" font-size="18" font-weight="600">${escapeXml(options.title)}</text>`,
    `<text x="${MARGIN.left}" y="48" font-size="12" fill="#555">${escapeXml(options.unit)}</text>`,
  ];
  for (let i = 0; i <= TICKS; i++) {
    const value = (top / TICKS) * i;
    const ty = y(value);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ty}" y2="${ty}" stroke="#e3e3e3"/>`,
      `<text x="${MARGIN.left - 8}" y="${ty + 4}" font-size="11" text-anchor="end" fill="#555">${escapeXml(options.format(value))}</text>`,
    );
  }
  options.groups.forEach((group, g) => {
    const groupX = MARGIN.left + g * groupWidth + (groupWidth - barWidth * ISSUE_PATHS.length) / 2;
    group.values.forEach((value, p) => {
      if (value === null) return;
      const x = groupX + p * barWidth;
      const barTop = y(Math.min(value, top));
      parts.push(
        `<rect x="${x + 2}" y="${barTop}" width="${barWidth - 4}" height="${MARGIN.top + plotHeight - barTop}" fill="${PATH_COLOURS[ISSUE_PATHS[p]!]}"/>`,
        `<text x="${x + barWidth / 2}" y="${barTop - 4}" font-size="10" text-anchor="middle">${escapeXml(options.format(value))}</text>`,
      );
    });
    parts.push(
      `<text x="${MARGIN.left + g * groupWidth + groupWidth / 2}" y="${HEIGHT - MARGIN.bottom + 20}" font-size="12" text-anchor="middle">${escapeXml(group.label)}</text>`,
    );
  });
  // The legend sits under the group labels, clear of a long title.
  const legendY = HEIGHT - 24;
  ISSUE_PATHS.forEach((path, p) => {
    const x = WIDTH / 2 + (p - ISSUE_PATHS.length / 2) * 110;
    parts.push(
      `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${PATH_COLOURS[path]}"/>`,
      `<text x="${x + 18}" y="${legendY}" font-size="12">${path}</text>`,
    );
  });
  parts.push(
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif">${parts.join('')}</svg>`;
}

const percentOf = (r: Ratio) => (r.share === null ? null : r.share * 100);

export function comparisonCharts(result: ComparisonResult): ChartSpec[] {
  const per = <T>(read: (f: ComparisonResult['paths']['exception']) => T) =>
    ISSUE_PATHS.map((p) => read(result.paths[p]));
  const toSeconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return [
    {
      name: 'delivery',
      title: 'What arrives',
      svg: groupedBars({
        title: 'What arrives, per path',
        unit: '% of sessions (reach) or of expected issues; normal sessions unless named',
        max: 100,
        format: (v) => `${Math.round(v)} %`,
        groups: [
          { label: 'reach', values: per((f) => percentOf(f.reach)) },
          { label: 'recall', values: per((f) => percentOf(f.recall)) },
          { label: 'precision', values: per((f) => percentOf(f.precision)) },
          { label: 'with an ad blocker', values: per((f) => percentOf(f.adBlock.stored)) },
          { label: 'tab closed at once', values: per((f) => percentOf(f.leave.lastIssueStored)) },
        ],
      }),
    },
    {
      name: 'cost',
      title: 'What the browser sends',
      svg: groupedBars({
        title: 'What the browser sends, per session',
        unit: 'kilobytes on the wire (request line, headers, body), normal sessions',
        format: (v) => v.toFixed(1),
        groups: [
          { label: 'everything', values: per((f) => f.perSession.kilobytes) },
          { label: 'requests carrying issues', values: per((f) => f.perSession.issueKilobytes) },
          { label: 'Replay recording', values: per((f) => f.perSession.replayKilobytes) },
        ],
      }),
    },
    {
      name: 'latency',
      title: 'How long until stored',
      svg: groupedBars({
        title: 'How long until the issue is stored',
        unit: 'seconds; the click waits out the detection (dead timeout, slow reaction) first',
        format: (v) => v.toFixed(2),
        groups: [
          { label: 'click → stored p50', values: per((f) => toSeconds(f.latency.clickToStoredMs.p50)) },
          { label: 'click → stored p95', values: per((f) => toSeconds(f.latency.clickToStoredMs.p95)) },
          { label: 'reported → stored p50', values: per((f) => toSeconds(f.latency.reportedToStoredMs.p50)) },
          { label: 'reported → stored p95', values: per((f) => toSeconds(f.latency.reportedToStoredMs.p95)) },
        ],
      }),
    },
    {
      name: 'sampling',
      title: 'Sampling changed mid-run',
      svg: groupedBars({
        title: `Sampling changed mid-run: ${result.sampling.typesTouched.join(', ') || 'no'} issues stored`,
        unit: '% of expected issues of the types it touches, in the normal sessions each path can carry',
        max: 100,
        format: (v) => `${Math.round(v)} %`,
        groups: [
          { label: 'before the change', values: per((f) => percentOf(f.sampling.before)) },
          { label: 'after the change', values: per((f) => percentOf(f.sampling.after)) },
        ],
      }),
    },
  ];
}
