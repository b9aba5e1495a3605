// The detector's recording readers, looked up by name so the consumer builds and runs
// whether or not this detector version ships them yet.
import * as detector from '@playback/detector';
import { type ClickIssue, ClickIssueSchema, uuidFromString } from '@playback/detector';

export interface RecordingContext {
  sessionId: string | null;
  replayId: string | null;
}

type RecordingReader = (events: readonly unknown[], options: Record<string, unknown>) => unknown;

const optional = detector as unknown as Partial<
  Record<'readSentryClickBreadcrumbs' | 'detectFromRrweb', RecordingReader>
>;

export interface RecordingReaders {
  /** Sentry's own `ui.slowClickDetected` / `ui.multiClick` breadcrumbs as ClickIssues. */
  readSentryClickBreadcrumbs:
    | ((events: readonly unknown[], context: RecordingContext) => ClickIssue[])
    | null;
  /** The detector run over the raw rrweb events (the replay so far, without judging open waits). */
  detectFromRrweb: ((events: readonly unknown[], context: RecordingContext) => ClickIssue[]) | null;
}

/**
 * Keeps what validates; a reader that throws yields nothing rather than failing the segment.
 * `extra` options go to the reader with the context.
 */
function validated(reader: RecordingReader | undefined, extra: Record<string, unknown> = {}) {
  if (typeof reader !== 'function') return null;
  return (events: readonly unknown[], context: RecordingContext): ClickIssue[] => {
    let out: unknown;
    try {
      out = reader(events, { ...extra, sessionId: context.sessionId, replayId: context.replayId });
    } catch {
      return [];
    }
    if (!Array.isArray(out)) return [];
    const issues: ClickIssue[] = [];
    for (const candidate of out) {
      const parsed = ClickIssueSchema.safeParse(candidate);
      if (parsed.success) issues.push(parsed.data);
    }
    return issues;
  };
}

/**
 * The detector seeds an id with the session, the click's time and its place in the run; a recording
 * has no session, so the replay goes into the id too: two replays with a click at the same moment
 * are two occurrences, not one id delivered twice.
 */
function scopedToReplay(read: RecordingReaders['detectFromRrweb']): RecordingReaders['detectFromRrweb'] {
  if (!read) return null;
  return (events, context) =>
    read(events, context).map((issue) => ({
      ...issue,
      id: uuidFromString(`rrweb|${context.replayId ?? ''}|${issue.id}`),
    }));
}

export const defaultRecordingReaders: RecordingReaders = {
  readSentryClickBreadcrumbs: validated(optional.readSentryClickBreadcrumbs),
  // A recording arrives in segments while the user is still on the page: the end of what arrived so
  // far is not the end of the session, so waits still open there are not judged yet (no flush).
  detectFromRrweb: scopedToReplay(validated(optional.detectFromRrweb, { flushAtEnd: false })),
};
