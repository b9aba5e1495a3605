import { ClickDetector } from '../engine/click-detector.js';
import type { ClickDetectorOptionsInput } from '../engine/options.js';
import type { ClickIssue } from '../model/click-issue.js';
import type { SessionEvent } from '../model/session-event.js';

export interface DetectOptions extends ClickDetectorOptionsInput {
  /** Treat the end of the stream as the page going away (default) rather than as time still running. */
  flushAtEnd?: boolean;
  /** Time the stream ends at; defaults to the last event's time. */
  endT?: number;
}

function eventTime(event: SessionEvent): number {
  switch (event.type) {
    case 'click':
      return event.click.t;
    case 'signal':
      return event.signal.t;
    case 'error':
      return event.error.t;
    case 'issue':
      return event.issue.timestamp;
  }
}

/** Runs the detector offline over a recorded session event stream and returns the issues it raises. */
export function detectFromSessionEvents(
  events: readonly SessionEvent[],
  options: DetectOptions = {},
): ClickIssue[] {
  const { flushAtEnd = true, endT, ...detectorOptions } = options;
  const issues: ClickIssue[] = [];
  const detector = new ClickDetector(detectorOptions, { onIssue: (issue) => issues.push(issue) });
  let lastT = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    lastT = Math.max(lastT, eventTime(event));
    if (event.type === 'click') detector.click(event.click);
    else if (event.type === 'signal') detector.signal(event.signal);
    else if (event.type === 'error') detector.error(event.error);
  }
  const end = endT ?? lastT;
  if (Number.isFinite(end)) {
    if (flushAtEnd) detector.flush(end);
    else detector.advance(end);
  }
  return issues;
}
