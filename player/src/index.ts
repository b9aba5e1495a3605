export type { Explanation } from './build/explain.js';
export {
  type BuildOptions,
  type BuildSources,
  mergeSources,
} from './build/merge-sources.js';
export { type BuildSourcePaths, readBuildSources } from './build/read-build-sources.js';
export { BuildSourceError } from './build/sources/source-error.js';
export { exportPlaywrightSpec } from './export/export-playwright.js';
export { readPlaybackFile } from './file/read-playback-file.js';
export { type MatchResult, type NetworkMode, RecordedNetwork } from './network/recorded-network.js';
export { normalizeBody, normalizeRequestUrl } from './network/request-key.js';
export { openBrowser, resolveBrowserPath } from './replay/browser.js';
export { locateTarget } from './replay/locate-target.js';
export {
  type ReplayOptions,
  type ReplayRun,
  type ReplaySpeed,
  replay,
  type StepEvent,
  startReplay,
} from './replay/replay.js';
export type {
  Divergence,
  DivergenceKind,
  ReplayClickIssue,
  ReplayPageError,
  ReplayReport,
  RequestResult,
  StepResult,
} from './report/report.js';
export { type Expectation, type VerifyResult, verify } from './verify/verify.js';
