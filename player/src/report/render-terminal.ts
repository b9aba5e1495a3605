import type { Step } from '@playback/detector';
import type { ReplayReport, RequestResult, StepResult } from './report.js';

/** One line naming a step: `click [data-testid="pay"]`, `navigate /checkout`, `input #email (masked)`. */
export function describeStep(step: Step): string {
  switch (step.type) {
    case 'navigate':
      return `navigate ${routeOf(step.url)}`;
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

/** A URL as the app's route: path and query, and the hash when the app routes by it (`/#/article/1`). */
function routeOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return url;
  }
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** `GET /api/cart (recorded)`, `GET /api/promo (passthrough: 404)`, `GET /api/feed (recorded, 3rd call: last answer repeated)`. */
function describeRequest(request: RequestResult): string {
  const how: string[] = [request.answer];
  if (request.answer === 'passthrough')
    how[0] = `passthrough: ${request.status ?? `failed, ${request.note ?? 'no answer'}`}`;
  else if (request.note) how[0] = `${request.answer}: ${request.note}`;
  if (request.beyondRecording)
    how.push(
      `call ${request.beyondRecording.made} of ${request.beyondRecording.recorded} recorded: last answer repeated`,
    );
  return `${request.method} ${safePath(request.url)} (${how.join(', ')})`;
}

export function renderStepLine(step: Step, result: StepResult): string {
  const mark = result.status === 'ok' ? '✓' : result.status === 'failed' ? '✗' : '·';
  const parts = [`  ${mark} ${String(result.index + 1).padStart(3)} ${describeStep(step)}`];
  for (const request of result.requests) parts.push(`        → ${describeRequest(request)}`);
  if (result.note) parts.push(`        ${result.note}`);
  if (result.healed) parts.push(`        healed: ${result.healed}`);
  for (const error of result.pageErrors) parts.push(`        error: ${error.type}: ${error.message}`);
  for (const issue of result.clickIssues ?? [])
    parts.push(`        click issue: ${issue.type} on ${issue.target}`);
  if (result.error) parts.push(`        failed: ${result.error}`);
  return parts.join('\n');
}

/** What the --net mode did, when it did anything: `net fallback: 2 requests answered by the nearest recorded one`. */
function networkLine(report: ReplayReport): string | null {
  if (report.net === 'fallback' && report.fallbackRequests.length > 0)
    return `net fallback: ${report.fallbackRequests.length} request${report.fallbackRequests.length === 1 ? '' : 's'} not in the recording answered by the nearest recorded one`;
  if (report.net === 'passthrough' && report.passthroughRequests.length > 0) {
    const statuses = report.passthroughRequests.map(
      (r) => `${r.method} ${safePath(r.url)} → ${r.status ?? 'failed'}`,
    );
    return `net passthrough: ${statuses.length} request${statuses.length === 1 ? '' : 's'} went to the network: ${statuses.join(', ')}`;
  }
  return null;
}

/** The run's header line. */
export function renderHeader(report: ReplayReport): string {
  return `Replay of ${report.file} against ${report.url} (net ${report.net}) — ${report.completed ? 'completed' : 'did not complete'} in ${(report.durationMs / 1000).toFixed(1)} s`;
}

/** The end of a run, for a terminal that already showed each step: the header, the network, the divergences. */
export function renderSummary(report: ReplayReport): string {
  const lines = [renderHeader(report)];
  const net = networkLine(report);
  if (net) lines.push(net);
  lines.push(...renderDivergences(report));
  return lines.join('\n');
}

/** The whole report for a terminal: one line per step, then the first divergence. */
export function renderTerminalReport(report: ReplayReport, steps: readonly Step[]): string {
  const net = networkLine(report);
  return [
    renderHeader(report),
    ...report.steps.map((result) => renderStepLine(steps[result.index]!, result)),
    ...(net ? [net] : []),
    ...renderDivergences(report),
  ].join('\n');
}

function renderDivergences(report: ReplayReport): string[] {
  const lines: string[] = [];
  if (report.firstDivergence) {
    lines.push('', `First divergence: ${report.firstDivergence.message}`);
    const more = report.divergences.length - 1;
    if (more > 0) lines.push(`  (and ${more} more: see the JSON or HTML report)`);
  } else {
    lines.push('', 'No divergence from the recording.');
  }
  return lines;
}
