import type { ClickIssue } from '@playback/detector/engine';
import type { RecorderStats } from './recorder-stats.js';
import type { RecordingSession } from './recording-session.js';

export interface IssueWindowDeps {
  onIssueOnly: boolean;
  /** Recording goes on this long after an issue (onIssueOnly). */
  afterIssueMs: number;
  uploadsToEndpoint: boolean;
  stats: RecorderStats;
  session(): RecordingSession | null;
  deliver(leaving: boolean): void;
  /** Starts buffering afresh: a new session. */
  restart(): void;
  fail(where: string): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Click issues in the recording, and with `onIssueOnly` what they set off: the buffer is kept and
 * sent at once, recording goes on for `afterIssueMs`, then the whole session is sent again and
 * buffering starts afresh.
 */
export function issueWindow(deps: IssueWindowDeps) {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;

  const end = (): void => {
    timer = null;
    try {
      deps.deliver(false);
      deps.restart();
    } catch {
      deps.fail('issue-window');
    }
  };

  return {
    onIssue(issue: ClickIssue): void {
      const session = deps.session();
      if (!session) return;
      session.log.addClickIssue(issue);
      if (!deps.onIssueOnly) return;
      if (session.log.buffering) {
        session.log.keepAll();
        deps.stats.state = 'recording';
        // Sent at once, so the buffer is not lost if the user leaves; the final upload replaces it.
        if (deps.uploadsToEndpoint) deps.deliver(false);
      }
      if (timer !== null) clearTimer(timer);
      timer = setTimer(end, deps.afterIssueMs);
    },
    stop(): void {
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
