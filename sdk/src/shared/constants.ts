/** Name of the Sentry integration. */
export const INTEGRATION_NAME = 'ClickIssues';
/** Reported with every endpoint batch. */
export const SDK_NAME = 'playback.javascript.browser';
export const SDK_VERSION = '0.1.0';

/** How often the one timer moves the detector's clock while a click is open. */
export const ADVANCE_INTERVAL_MS = 250;
/** A press (pointerdown without click) older than this no longer counts as pressing. */
export const MAX_PRESS_MS = 2_000;
/** A change in a portal (dialog, menu, toast appended elsewhere) this soon after the latest click answers it. */
export const PORTAL_ANSWER_WINDOW_MS = 1_000;
/** A change with no known cause this soon after work a click started (a fetch settling) answers that click. */
export const WORK_ECHO_MS = 300;
/** User scroll input (wheel, touch, keys) this recent makes a scroll the user's own, not a reaction. */
export const USER_SCROLL_INTENT_MS = 150;
/** Ancestors walked to find the element a click acts on. */
export const MAX_ACTIONABLE_DEPTH = 12;
/** Levels of a CSS path built when an element has no test id or id. */
export const MAX_SELECTOR_DEPTH = 3;
/** Longest accessible name kept on a target. */
export const MAX_NAME_LENGTH = 100;

/** Issues per POST on the endpoint path. */
export const ENDPOINT_BATCH_MAX_ISSUES = 20;
/** An issue waits at most this long for a batch to fill. */
export const ENDPOINT_BATCH_DELAY_MS = 2_000;
/** Issues held at once; past this the oldest are dropped (and counted). */
export const ENDPOINT_QUEUE_MAX_ISSUES = 100;
/** First retry delay; doubled per attempt (with jitter) unless the server sends Retry-After. */
export const ENDPOINT_RETRY_BASE_MS = 1_000;
/** Longest wait between retries, Retry-After included. */
export const ENDPOINT_RETRY_MAX_MS = 60_000;
/** Attempts per batch before it is dropped (and counted). */
export const ENDPOINT_MAX_ATTEMPTS = 5;
/** Browsers cap keepalive fetch and sendBeacon bodies at 64 KiB; stay under it. */
export const KEEPALIVE_MAX_BYTES = 60_000;

/** sessionStorage key of the id used when Sentry has no session or replay id. */
export const SESSION_ID_STORAGE_KEY = 'playback.sessionId';
/** sessionStorage key of the experiment assignment, so a session keeps its path across reloads. */
export const ARM_STORAGE_KEY = 'playback.arm';

/** Breadcrumb categories of the replay path: Replay's own frame route, and the public-API route. */
export {
  PUBLIC_CLICK_ISSUE_CATEGORY as PUBLIC_BREADCRUMB_CATEGORY,
  REPLAY_CLICK_ISSUE_CATEGORY as REPLAY_BREADCRUMB_CATEGORY,
} from '@playback/detector/engine';
/** rrweb's event type for custom events. */
export const RRWEB_CUSTOM_EVENT_TYPE = 5;

/** Elements carrying this attribute are Playback's own: their mutations are never reactions. */
export const OWN_NODE_ATTRIBUTE = 'data-playback-own';
