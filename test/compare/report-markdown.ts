// The comparison as a Markdown table: one column per path, one row per figure, each with its counts.
import type { ComparisonResult } from './compare.js';
import { ISSUE_PATHS } from './constants.js';
import type { Percentiles, Ratio } from './figures.js';
import type { SamplingChange } from './options.js';
import type { PathFigures } from './path-figures.js';

const DASH = '–';

export function percent(r: Ratio): string {
  return r.share === null ? DASH : `${Math.round(r.share * 100)} % (${r.part}/${r.whole})`;
}

function shortPercent(r: Ratio): string {
  return r.share === null ? DASH : `${Math.round(r.share * 100)} %`;
}

function seconds(ms: number | null): string {
  return ms === null ? DASH : `${(ms / 1000).toFixed(2)} s`;
}

function spread(p: Percentiles): string {
  return p.n === 0 ? DASH : `${seconds(p.p50)} / ${seconds(p.p95)}`;
}

function fixed(value: number | null, digits = 1): string {
  return value === null ? DASH : value.toFixed(digits);
}

export function describeSamplingChange(change: SamplingChange): string {
  const rules = change.rules.map((rule) => {
    const what = [rule.type ?? 'every type', rule.path ? `on ${rule.path}` : 'on every path'].join(' ');
    return `${what} → ${rule.rate}`;
  });
  if (change.rate < 1) rules.unshift(`project → ${change.rate}`);
  return rules.length > 0 ? rules.join(', ') : 'no change';
}

function environmentName(result: ComparisonResult): string {
  const { mode, database, queue } = result.environment;
  return mode === 'kafka'
    ? `Apache Kafka and PostgreSQL (${queue} queue, ${database} store)`
    : `the embedded defaults (${database} store, ${queue} queue)`;
}

type Row = [label: string, cell: (f: PathFigures) => string];

export function resultsTable(result: ComparisonResult): string {
  const touched = result.sampling.typesTouched.join(', ') || 'touched';
  const rows: Row[] = [
    [
      'sessions: normal / ad-blocked / leaving',
      (f) => `${f.sessions.normal} / ${f.sessions.adblock} / ${f.sessions.leave}`,
    ],
    ['**reach**: normal sessions with their issues stored', (f) => percent(f.reach)],
    ...result.settings.replayRates.map(
      (rate): Row => [
        `  reach when Replay records ${Math.round(rate * 100)} % of sessions`,
        (f) => {
          const at = f.reachByReplayRate.find((r) => r.replayRate === rate);
          return at ? percent(at.reach) : DASH;
        },
      ],
    ),
    ['**recall**: expected issues stored', (f) => percent(f.recall)],
    ['  on the sessions the path can carry (replay: those Replay records)', (f) => percent(f.recallCarried)],
    ['**precision**: stored issues that were expected', (f) => percent(f.precision)],
    ["  detected in the page (every path's ceiling)", (f) => percent(f.detected)],
    [
      '**requests per session**: all / carrying issues',
      (f) => `${fixed(f.perSession.requests)} / ${fixed(f.perSession.issueRequests)}`,
    ],
    [
      '**kB per session**: all / carrying issues',
      (f) => `${fixed(f.perSession.kilobytes)} / ${fixed(f.perSession.issueKilobytes)}`,
    ],
    ['  of which Replay recording, kB per session', (f) => fixed(f.perSession.replayKilobytes)],
    ['**latency** click → stored, p50 / p95', (f) => spread(f.latency.clickToStoredMs)],
    ['  reported by the SDK → stored, p50 / p95', (f) => spread(f.latency.reportedToStoredMs)],
    [
      '**duplicates**: a click stored twice / an id sent twice',
      (f) => `${f.duplicates.clickStoredTwice} / ${f.duplicates.idSentTwice}`,
    ],
    [
      `**sampling** (${describeSamplingChange(result.sampling.change)} mid-run): ${touched} issues stored, before → after`,
      (f) => `${shortPercent(f.sampling.before)} → ${shortPercent(f.sampling.after)}`,
    ],
    [
      '  sampled out by the consumer, before / after the change',
      (f) => `${f.sampling.sampledOutBefore} / ${f.sampling.sampledOutAfter}`,
    ],
    [
      '  kB per session the browser still sends, before / after',
      (f) => `${fixed(f.sampling.kilobytesPerSessionBefore)} / ${fixed(f.sampling.kilobytesPerSessionAfter)}`,
    ],
    ['**ad blocker**: issues stored', (f) => percent(f.adBlock.stored)],
    ['**tab closed** right after an issue: that issue stored', (f) => percent(f.leave.lastIssueStored)],
    ['  the earlier issues of those sessions stored', (f) => percent(f.leave.earlierIssuesStored)],
  ];
  const header = `| | ${ISSUE_PATHS.join(' | ')} |\n| --- | ${ISSUE_PATHS.map(() => '---:').join(' | ')} |`;
  const body = rows
    .map(
      ([label, cell]) =>
        `| ${label.replace(/^ {2}/, '&nbsp;&nbsp;')} | ${ISSUE_PATHS.map((p) => cell(result.paths[p])).join(' | ')} |`,
    )
    .join('\n');
  return `${header}\n${body}`;
}

/** The whole results page: what was run, the table, the charts, and anything that went wrong. */
export function resultsMarkdown(
  result: ComparisonResult,
  charts: Array<{ title: string; file: string }>,
): string {
  const s = result.settings;
  const minutes = (result.durationMs / 60_000).toFixed(1);
  const assignment = ISSUE_PATHS.map((p) => `${p} ${result.assignment[p]}`).join(', ');
  const lines = [
    `# Path comparison, ${result.generatedAt.slice(0, 10)}`,
    '',
    `${s.sessions} simulated sessions in Chromium over the demo app, through ${environmentName(result)}, ` +
      `in ${minutes} min (seed ${s.seed}). Dead timeout ${s.deadTimeoutMs} ms, slow threshold ${s.slowThresholdMs} ms, ` +
      `endpoint batch delay ${s.endpointBatchDelayMs} ms, Replay recording ${s.replayRates.map((r) => `${r * 100} %`).join(' or ')} ` +
      `of sessions, \`replayFallback: '${s.replayFallback}'\`. The experiment (${s.experimentWeights}) assigned the ` +
      `sessions it opened: ${assignment}. How each figure is measured: [README](../README.md).`,
    '',
    resultsTable(result),
    '',
    ...charts.map((chart) => `![${chart.title}](${chart.file})`),
  ];
  if (result.warnings.length > 0) {
    lines.push('', '**Warnings**', '', ...result.warnings.map((w) => `- ${w}`));
  }
  return `${lines.join('\n')}\n`;
}
