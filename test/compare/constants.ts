// The run's fixed settings, with units in their names. Detection thresholds are shortened so a run
// takes minutes; they are the same for every path, so they do not tilt the comparison.
import { REPORT_PATHS, type ReportPath } from '@playback/detector';

/** The ways an issue can travel, in the order tables show them: the detector's one list. */
export const ISSUE_PATHS = REPORT_PATHS;
export type IssuePath = ReportPath;

/** No reaction within this long: a dead click (the SDK's default is 7000). */
export const DEAD_TIMEOUT_MS = 2_500;
/** A first reaction later than this: a slow click (the SDK's default is 3000). */
export const SLOW_THRESHOLD_MS = 600;
/** The slow button's fetch: past the slow threshold, well before the dead timeout. */
export const SLOW_FETCH_MS = 1_200;
/** The endpoint path's batch delay: the SDK's default, so its latency is what users would see. */
export const ENDPOINT_BATCH_DELAY_MS = 2_000;

/** A session that stays waits this long after its last action before the user closes the tab. */
export const STAY_AFTER_LAST_ACTION_MS = ENDPOINT_BATCH_DELAY_MS + 1_500;
/** After a tab closes, the browser runs on this long (requests the page left behind) before the run moves on. */
export const AFTER_CLOSE_MS = 2_000;
/** A step that nothing settles within this long past the dead timeout has hung. */
export const ACTION_SETTLE_SLACK_MS = 4_000;
/** How often the harness looks at the page while waiting for an issue it must react to at once. */
export const ISSUE_POLL_MS = 10;
/** Fresh sessions opened for a slot before giving up on getting the path the slot needs. */
export const MAX_ARM_ATTEMPTS = 20;
/** A click whose stored occurrences lie this close together is one click stored twice. */
export const SAME_CLICK_WINDOW_MS = 1_000;
