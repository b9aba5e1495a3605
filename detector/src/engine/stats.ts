import type { ClickIssueType } from '../model/click-issue.js';
import type { IgnoreReason } from '../rules/ignore-reason.js';

export interface ClickDetectorStats {
  /** Every click passed in. */
  clicks: number;
  /** Clicks that opened or joined an episode. */
  judged: number;
  ignored: Partial<Record<IgnoreReason, number>>;
  issues: Record<ClickIssueType, number>;
  /** Episodes still waiting when the page went away: not dead, the user left. */
  droppedAtFlush: number;
  /** Episodes settled early because too many were open at once. */
  evicted: number;
  /** Issue handlers that threw. */
  handlerErrors: number;
  /** Episodes open now. */
  open: number;
}

export function emptyStats(): ClickDetectorStats {
  return {
    clicks: 0,
    judged: 0,
    ignored: {},
    issues: { dead: 0, slow: 0, rage: 0, error: 0 },
    droppedAtFlush: 0,
    evicted: 0,
    handlerErrors: 0,
    open: 0,
  };
}
