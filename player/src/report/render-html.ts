import type { Step } from '@playback/detector';
import { describeStep } from './render-terminal.js';
import type { ReplayReport } from './report.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A self-contained HTML page of the report: no scripts, no external assets. */
export function renderHtmlReport(report: ReplayReport, steps: readonly Step[]): string {
  const first = report.firstDivergence;
  const rows = report.steps
    .map((result) => {
      const step = steps[result.index]!;
      const isFirst = first !== null && first.stepIndex === result.index;
      const details = [
        ...(result.page
          ? [`page: ${result.page.title ? `“${result.page.title}” ` : ''}${result.page.url}`]
          : []),
        ...result.requests.map(
          (r) =>
            `${r.method} ${r.url} — ${r.answer}${r.status !== undefined ? ` ${r.status}` : ''}${r.note ? ` (${r.note})` : ''}${r.beyondRecording ? ` (call ${r.beyondRecording.made} of ${r.beyondRecording.recorded} recorded)` : ''}`,
        ),
        ...(result.note ? [result.note] : []),
        ...(result.healed ? [`healed: ${result.healed}`] : []),
        ...result.pageErrors.map((e) => `error: ${e.type}: ${e.message}`),
        ...(result.clickIssues ?? []).map((i) => `click issue: ${i.type} on ${i.target}`),
        ...(result.error ? [`failed: ${result.error}`] : []),
      ];
      return `<tr class="${result.status}${isFirst ? ' first' : ''}"><td>${result.index + 1}</td><td>${(result.t / 1000).toFixed(1)} s</td><td>${result.status}</td><td>${escapeHtml(describeStep(step))}${details.length > 0 ? `<ul>${details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>` : ''}</td></tr>`;
    })
    .join('\n');
  const divergences = report.divergences
    .map(
      (d) =>
        `<li class="${d === first ? 'first' : ''}"><b>${escapeHtml(d.kind)}</b> ${escapeHtml(d.message)}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Playback replay — ${escapeHtml(report.file)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2330}
h1{font-size:1.3rem} .verdict{padding:.6rem 1rem;border-radius:6px;display:inline-block}
.ok{background:#e6f6ec} .bad{background:#fdecec}
table{border-collapse:collapse;width:100%;margin-top:1rem} td{border-top:1px solid #e3e6ee;padding:.35rem .5rem;vertical-align:top}
tr.failed td{background:#fdecec} tr.not-run td{color:#8a91a3} tr.first td{outline:2px solid #d14343}
li.first{font-weight:600;color:#b42318} ul{margin:.2rem 0 0 1rem;padding:0;color:#465066}
figure{margin:1rem 0} figure img{max-width:100%;border:1px solid #e3e6ee;border-radius:6px} figcaption{color:#465066}
</style></head><body>
<h1>Replay of ${escapeHtml(report.file)}</h1>
<p>Against <code>${escapeHtml(report.url)}</code> · network ${escapeHtml(report.net)} · ${escapeHtml(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s</p>
<p class="verdict ${report.completed && !first ? 'ok' : 'bad'}">${report.completed ? 'Every step ran' : 'The run stopped'}${first ? ` — first divergence: ${escapeHtml(first.message)}` : ' — no divergence from the recording'}</p>
<h2>Divergences</h2>
${divergences ? `<ol>${divergences}</ol>` : '<p>None.</p>'}
${report.screenshot ? `<figure><img alt="the page at step ${report.screenshot.stepIndex + 1}" src="data:image/png;base64,${report.screenshot.png}"><figcaption>The page after step ${report.screenshot.stepIndex + 1}, where the first divergence is.</figcaption></figure>` : ''}
<h2>Steps</h2>
<table><thead><tr><td>#</td><td>at</td><td>status</td><td>step</td></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
