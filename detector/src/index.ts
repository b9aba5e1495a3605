// The event model: zod schemas, and the types they infer. Everything the browser entry
// (`engine.ts`) exports comes along, so the two lists are written once.

export { ClickDetectorOptionsSchema, IgnoreRulesSchema } from './engine/options-schema.js';
export * from './engine.js';
// Grouping.
export { isIdSegment, normalizeRoute, ROUTE_ID_PLACEHOLDER } from './fingerprint/route.js';
export { stripDynamicParts, targetIdentity, targetKey } from './fingerprint/target-identity.js';
export { type Click, ClickSchema, type Modifiers, ModifiersSchema, PRIMARY_BUTTON } from './model/click.js';
export {
  CLICK_ISSUE_TYPES,
  type ClickIssue,
  type ClickIssueInput,
  ClickIssueSchema,
  type ClickIssueType,
  ClickIssueTypeSchema,
  type EndReason,
  EndReasonSchema,
  type Evidence,
  EvidenceSchema,
  ISSUE_SOURCES,
  type IssueSource,
  IssueSourceSchema,
  REPORT_PATHS,
  type ReportPath,
  ReportPathSchema,
} from './model/click-issue.js';
export {
  CLICK_ISSUE_BREADCRUMB_CATEGORIES,
  PUBLIC_CLICK_ISSUE_CATEGORY,
  REPLAY_CLICK_ISSUE_CATEGORY,
} from './model/constants.js';
export { type PageError, PageErrorSchema } from './model/page-error.js';
export {
  SESSION_EVENTS_VERSION,
  type SessionEvent,
  SessionEventSchema,
  type SessionEvents,
  SessionEventsSchema,
} from './model/session-event.js';
export {
  SIGNAL_KINDS,
  type Signal,
  type SignalKind,
  SignalKindSchema,
  SignalSchema,
} from './model/signal.js';
export { TARGET_TEXT_MAX_LENGTH, type Target, TargetSchema } from './model/target.js';
export {
  type Determinism,
  DeterminismSchema,
  type Environment,
  EnvironmentSchema,
} from './playback/environment.js';
export { playbackFileJsonSchema } from './playback/json-schema.js';
export { PLAYBACK_SOURCE_KINDS, type PlaybackMeta, PlaybackMetaSchema } from './playback/meta.js';
export {
  type Body,
  BodySchema,
  type NetworkExchange,
  NetworkExchangeSchema,
  type StreamMessage,
  StreamMessageSchema,
} from './playback/network.js';
export {
  PlaybackFileError,
  parsePlaybackFile,
  parsePlaybackFileText,
} from './playback/parse-playback-file.js';
// The playback file.
export {
  ConsoleEntrySchema,
  PLAYBACK_FORMAT,
  PLAYBACK_VERSION,
  PlaybackErrorSchema,
  type PlaybackFile,
  type PlaybackFileInput,
  PlaybackFileSchema,
} from './playback/playback-file.js';
export {
  type ElementSelector,
  ElementSelectorSchema,
  SELECTOR_KINDS,
  type StepTarget,
  StepTargetSchema,
} from './playback/selector.js';
export { type Step, StepSchema, type StepType } from './playback/step.js';
export {
  isSecretHeaderName,
  isSecretName,
  PASSWORD_NAME,
  SECRET_HEADER_NAMES,
  SECRET_NAME,
} from './privacy/secret-names.js';
// Offline detection over rrweb recordings.
export { PLAYBACK_IGNORE_ATTRIBUTE } from './rrweb/click-target.js';
export {
  detectFromRrweb,
  detectFromRrwebWithStats,
  type RrwebDetectionStats,
  type RrwebDetectOptions,
} from './rrweb/detect-from-rrweb.js';
export {
  type RrwebInteraction,
  type RrwebInteractions,
  type RrwebNetworkSpan,
  readRrwebInteractions,
} from './rrweb/read-rrweb-interactions.js';
export {
  readSentryClickBreadcrumbs,
  SENTRY_RAGE_PAIRING_WINDOW_MS,
  type SentryBreadcrumbOptions,
} from './rrweb/read-sentry-click-breadcrumbs.js';
export { epochMs } from './rrweb/sentry-frame.js';
// Offline detection.
export { type DetectOptions, detectFromSessionEvents } from './session/detect-from-session-events.js';
