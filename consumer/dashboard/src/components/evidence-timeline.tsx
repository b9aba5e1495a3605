// Why an occurrence was raised: the click, what the page did (or did not do), and the error, in time
// order from the first click, with the verdict on top.
import type { Evidence, OccurrenceView } from '../api/types';
import { formatDuration } from '../lib/format';

const SIGNAL_LABELS: Record<string, string> = {
  mutation: 'The page changed',
  navigation: 'Navigation',
  scroll: 'The page scrolled',
  focus: 'Focus moved',
  selection: 'Text was selected',
  dialog: 'A dialog opened',
  media: 'Media started playing',
  download: 'A download started',
  newTab: 'A new tab opened',
  clipboard: 'Copied to the clipboard',
  input: 'A field changed',
};

export function verdict(occurrence: OccurrenceView, type: string): string {
  const waited = formatDuration(occurrence.timeAfterClickMs);
  switch (type) {
    case 'dead':
      return `No visible reaction within ${waited}.`;
    case 'slow':
      return `The first reaction (${SIGNAL_LABELS[occurrence.endReason]?.toLowerCase() ?? occurrence.endReason}) came after ${waited}.`;
    case 'rage':
      return `Clicked ${occurrence.clickCount} times while waiting for a reaction (${waited}).`;
    case 'error':
      return occurrence.error
        ? `${occurrence.error.type}: ${occurrence.error.message} — ${waited} after the click.`
        : `An uncaught error ${waited} after the click.`;
    default:
      return `Ended by ${occurrence.endReason} after ${waited}.`;
  }
}

interface Entry {
  evidence: Evidence;
  offsetMs: number;
  title: string;
  detail?: string | undefined;
  kind: 'click' | 'signal' | 'error' | 'timeout';
  /** The entry that settled the issue: the reaction, the timeout or the error. */
  decisive: boolean;
}

function entries(occurrence: OccurrenceView): Entry[] {
  const sorted = [...occurrence.evidence].sort((a, b) => a.t - b.t);
  const firstClick = sorted.find((e) => e.type === 'click') ?? sorted[0];
  const start = firstClick?.t ?? 0;
  let clicks = 0;
  let firstSignalSeen = false;
  return sorted.map((evidence): Entry => {
    const offsetMs = evidence.t - start;
    if (evidence.type === 'click') {
      clicks++;
      return {
        evidence,
        offsetMs,
        kind: 'click',
        title: clicks === 1 ? 'Click' : `Click ${clicks}`,
        detail: `at (${Math.round(evidence.x)}, ${Math.round(evidence.y)})${clicks === 1 ? ` on ${occurrence.target.selector}` : ''}`,
        decisive: false,
      };
    }
    if (evidence.type === 'signal') {
      // The first signal of the kind that ended the wait is the reaction; later ones are context.
      const decisive = !firstSignalSeen && evidence.kind === occurrence.endReason;
      firstSignalSeen ||= decisive;
      return {
        evidence,
        offsetMs,
        kind: 'signal',
        title: `${decisive ? 'Reaction: ' : ''}${SIGNAL_LABELS[evidence.kind] ?? evidence.kind}`,
        detail: evidence.detail,
        decisive,
      };
    }
    if (evidence.type === 'error') {
      return {
        evidence,
        offsetMs,
        kind: 'error',
        title: `Uncaught ${evidence.errorType}`,
        detail: evidence.message,
        decisive: occurrence.endReason === 'error',
      };
    }
    return {
      evidence,
      offsetMs,
      kind: 'timeout',
      title: `No reaction: timed out after ${formatDuration(evidence.afterMs)}`,
      decisive: true,
    };
  });
}

export function EvidenceTimeline({ occurrence, type }: { occurrence: OccurrenceView; type: string }) {
  const items = entries(occurrence);
  const span = Math.max(1, ...items.map((i) => i.offsetMs));
  return (
    <div class="evidence" data-testid="evidence-timeline">
      <p class={`verdict verdict-${type}`}>{verdict(occurrence, type)}</p>
      <div class="track" aria-hidden="true">
        <div class="track-line" />
        {items.map((item, i) => (
          <span
            // Keyed by position: the evidence list is fixed for an occurrence.
            key={i}
            class={`track-mark mark-${item.kind}`}
            style={{ left: `${(item.offsetMs / span) * 100}%` }}
            title={`${item.title} +${formatDuration(item.offsetMs)}`}
          />
        ))}
        <span class="track-end">{formatDuration(span)}</span>
      </div>
      {items.length === 0 ? (
        <p class="muted">This occurrence carries no evidence.</p>
      ) : (
        <ol class="timeline">
          {items.map((item, i) => (
            <li
              // Keyed by position: the evidence list is fixed for an occurrence.
              key={i}
              class={`timeline-item item-${item.kind}${item.decisive ? ' decisive' : ''}`}
              data-kind={item.kind}
            >
              <span class="timeline-time">+{formatDuration(item.offsetMs)}</span>
              <span class="timeline-dot" aria-hidden="true" />
              <div class="timeline-body">
                <div class="timeline-title">{item.title}</div>
                {item.detail && <div class="timeline-detail">{item.detail}</div>}
              </div>
            </li>
          ))}
        </ol>
      )}
      {occurrence.error?.stack && (
        <details class="stack">
          <summary>Stack trace</summary>
          <pre>{occurrence.error.stack}</pre>
        </details>
      )}
    </div>
  );
}
