import type { Step } from '@playback/detector';
import type { ReplayReport, StepResult } from './report.js';

/** One line naming a step: `click [data-testid="pay"]`, `navigate /checkout`, `input #email (masked)`. */
export function describeStep(step: Step): string {
  switch (step.type) {
    case 'navigate':
      return `navigate ${safePath(step.url)}`;
    case 'keydown':
    case 'keyup':
      return `${step.type} ${step.key}`;
    case 'scroll':
      return `scroll to ${step.x},${step.y}${step.target ? ` in ${firstSelector(step.target)}` : ''}`;
    case 'resize':
      return `resize ${step.width}×${step.height}`;
    case 'visibility':
      return `page ${step.state}`;
    case 'input':
      return `input ${firstSelector(step.target)}${step.masked ? ' (masked)' : ` "${step.value}"`}`;
    default:
      return `${step.type} ${firstSelector(step.target)}`;
  }
}

function firstSelector(target: {
  selectors: { kind: string; value?: string; role?: string; name?: string }[];
}) {
  const s = target.selectors[0]!;
  if (s.kind === 'role') return `role ${s.role} "${s.name}"`;
  if (s.kind === 'testid') return `[data-testid="${s.value}"]`;
  if (s.kind === 'id') return `#${s.value}`;
  if (s.kind === 'text') return `text '${s.value}'`;
  return s.value ?? '';
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

export function renderStepLine(step: Step, result: StepResult): string {
  const mark = result.status === 'ok' ? '✓' : result.status === 'failed' ? '✗' : '·';
  const parts = [`  ${mark} ${String(result.index + 1).padStart(3)} ${describeStep(step)}`];
  for (const request of result.requests) {
    parts.push(
      `        → ${request.method} ${safePath(request.url)} (${request.answer}${request.note ? `: ${request.note}` : ''})`,
    );
  }
  if (result.healed) parts.push(`        healed: ${result.healed}`);
  for (const error of result.pageErrors) parts.push(`        error: ${error.type}: ${error.message}`);
  for (const issue of result.clickIssues ?? [])
    parts.push(`        click issue: ${issue.type} on ${issue.target}`);
  if (result.error) parts.push(`        failed: ${result.error}`);
  return parts.join('\n');
}

/** The whole report for a terminal: one line per step, then the first divergence. */
export function renderTerminalReport(report: ReplayReport, steps: readonly Step[]): string {
  const lines = [
    `Replay of ${report.file} against ${report.url} (net ${report.net}) — ${report.completed ? 'completed' : 'did not complete'} in ${(report.durationMs / 1000).toFixed(1)} s`,
    ...report.steps.map((result) => renderStepLine(steps[result.index]!, result)),
  ];
  if (report.firstDivergence) {
    lines.push('', `First divergence: ${report.firstDivergence.message}`);
    const more = report.divergences.length - 1;
    if (more > 0) lines.push(`  (and ${more} more: see the JSON or HTML report)`);
  } else {
    lines.push('', 'No divergence from the recording.');
  }
  return lines.join('\n');
}
