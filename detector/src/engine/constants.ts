/** No visible reaction within this long after a click: a dead click. */
export const DEAD_CLICK_TIMEOUT_MS = 7_000;
/** A first reaction later than this (but before the dead timeout): a slow click. */
export const SLOW_CLICK_THRESHOLD_MS = 3_000;
/** This many clicks on one still-waiting target… */
export const RAGE_CLICK_COUNT = 3;
/** …within this window make a rage click. Also the longest gap that keeps a burst together. */
export const RAGE_CLICK_WINDOW_MS = 1_000;
/** An uncaught error this soon after a click makes an error click. */
export const ERROR_CLICK_WINDOW_MS = 1_000;
/** Evidence items kept per issue, so a noisy page cannot grow a report without bound. */
export const MAX_EVIDENCE_ITEMS = 25;
/** Episodes waiting at once; past this the oldest is settled early to bound memory. */
export const MAX_OPEN_EPISODES = 200;
/** How far back a pointerdown may reach for a reaction that came before the click event. */
export const MAX_PRESS_DURATION_MS = 2_000;
