// `@playback/detector/engine`: the click engine without the zod schemas, for browsers, where
// every kilobyte counts. Types come along (they cost nothing at run time); validating data at a
// boundary needs the main entry.
export { type AnsweredClick, ClickDetector, type ClickDetectorHandlers } from './engine/click-detector.js';
export * from './engine/constants.js';
export {
  type ClickDetectorOptions,
  type ClickDetectorOptionsInput,
  IGNORE_RULE_NAMES,
  type IgnoreRules,
  resolveClickDetectorOptions,
} from './engine/options.js';
export type { ClickDetectorStats } from './engine/stats.js';
export { clickIssueFingerprint } from './fingerprint/fingerprint.js';
export { normalizeRoute } from './fingerprint/route.js';
export { targetIdentity, targetKey } from './fingerprint/target-identity.js';
export { hash64, uuidFromString } from './hash/hash.js';
export type { Click, Modifiers } from './model/click.js';
export type {
  ClickIssue,
  ClickIssueType,
  EndReason,
  Evidence,
  IssueSource,
  ReportPath,
} from './model/click-issue.js';
export {
  ACTIONABLE_ROLES,
  BUTTON_INPUT_TYPES,
  CLICK_ISSUE_BREADCRUMB_CATEGORIES,
  CLICK_ISSUE_TYPES,
  ISSUE_SOURCES,
  PLAYBACK_IGNORE_ATTRIBUTE,
  PRIMARY_BUTTON,
  PUBLIC_CLICK_ISSUE_CATEGORY,
  REPLAY_CLICK_ISSUE_CATEGORY,
  REPORT_PATHS,
  SIGNAL_KINDS,
  TARGET_TEXT_MAX_LENGTH,
} from './model/constants.js';
export type { PageError } from './model/page-error.js';
export type { Signal, SignalKind } from './model/signal.js';
export type { Target } from './model/target.js';
export { isCardNumber, looksPersonal, PASSWORD_STAND_IN, standInFor } from './privacy/stand-in.js';
export {
  BACKGROUND_LOOKBACK_MS,
  BACKGROUND_RHYTHM_PERIODS,
  BackgroundActivity,
  type ChangeContext,
} from './reaction/background-activity.js';
export { type IgnoreReason, ignoreReason, nativeControlKind } from './rules/ignore-reason.js';
