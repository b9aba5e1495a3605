// The model's constants, free of zod, so the browser engine (`@playback/detector/engine`) can use
// them without shipping the schemas. The schema files build their enums from these.

export const CLICK_ISSUE_TYPES = ['dead', 'slow', 'rage', 'error'] as const;

/** How an issue left the browser. */
export const REPORT_PATHS = ['exception', 'endpoint', 'replay'] as const;

/** Which engine raised the issue. */
export const ISSUE_SOURCES = ['playback', 'sentry-breadcrumb', 'rrweb'] as const;

export const SIGNAL_KINDS = [
  'mutation',
  'navigation',
  'scroll',
  'focus',
  'selection',
  'dialog',
  'media',
  'download',
  'newTab',
  'clipboard',
  'input',
] as const;

/** Mouse button per `MouseEvent.button`: 0 primary, 1 middle (aux), 2 secondary. */
export const PRIMARY_BUTTON = 0;

/** Longest `text` a Target keeps; longer text is cut so reports stay small. */
export const TARGET_TEXT_MAX_LENGTH = 100;

/** ARIA roles whose elements promise a reaction to a click: live in the SDK and offline over rrweb alike. */
export const ACTIONABLE_ROLES: ReadonlySet<string> = new Set([
  'button',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'tab',
  'option',
  'switch',
]);

/** `<input>` types that behave like buttons. */
export const BUTTON_INPUT_TYPES: ReadonlySet<string> = new Set(['button', 'submit', 'reset', 'image']);

/** The attribute that opts an element and everything inside it out of detection. */
export const PLAYBACK_IGNORE_ATTRIBUTE = 'data-playback-ignore';

/**
 * Breadcrumb category of a ClickIssue in a Sentry Replay recording (the replay path), added the way
 * Replay adds its own click frames.
 */
export const REPLAY_CLICK_ISSUE_CATEGORY = 'ui.clickIssue';

/**
 * The same breadcrumb added through the public `Sentry.addBreadcrumb`: Replay copies public
 * breadcrumbs into the recording but drops every `ui.*` category, so this route needs its own.
 */
export const PUBLIC_CLICK_ISSUE_CATEGORY = 'playback.clickIssue';

/** Every breadcrumb category under which a recording may carry a ClickIssue. */
export const CLICK_ISSUE_BREADCRUMB_CATEGORIES: readonly string[] = [
  REPLAY_CLICK_ISSUE_CATEGORY,
  PUBLIC_CLICK_ISSUE_CATEGORY,
];
