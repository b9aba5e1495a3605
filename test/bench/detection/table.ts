// The README's detection table, made from bench/results/detection.json, so the two cannot disagree.

interface RuleScore {
  episodes: number;
  precision: number | null;
  recall: number | null;
}
type Scores = Record<'playback' | 'sentry' | 'posthog', RuleScore>;

export interface DetectionResult {
  overall: Scores;
  pages: Record<string, Scores>;
  mistakes: Array<{ page: string; element: string; mode: string; truth: string; playback: string }>;
}

const figure = (x: number | null) => (x === null ? '–' : x.toFixed(2));

export function detectionTable(result: DetectionResult): string {
  const row = (name: string, scores: Scores) =>
    `| ${name} | ${scores.playback.episodes} | ${(['playback', 'sentry', 'posthog'] as const)
      .map((rule) => `${figure(scores[rule].precision)} / ${figure(scores[rule].recall)}`)
      .join(' | ')} |`;
  return [
    '| page | clicks | Playback P / R | Sentry rule P / R | PostHog rule P / R |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(result.pages).map(([name, scores]) => row(name, scores)),
    row('**overall**', result.overall),
  ].join('\n');
}

export function mistakesLine(result: DetectionResult): string {
  const list = result.mistakes.map(
    (m) => `${m.page} \`${m.element}\` (${m.mode}): ${m.truth}, we said ${m.playback}`,
  );
  return `Our mistakes in that run: ${list.length > 0 ? list.join('; ') : 'none'}.`;
}
