export { clickIssuesIntegration } from './entries/all-paths.js';
export { assignArm, type ReportWeights } from './experiment/assign.js';
export type { ClickIssues, CreateClickIssuesOptions } from './integration/create-click-issues.js';
export { createClickIssues } from './integration/create-click-issues.js';
export type {
  ClickIssuesIntegration,
  ClickIssuesIntegrationOptions,
  IntegrationBuild,
  ReplayFallback,
} from './integration/integration.js';
export { clickIssuesIntegrationWith, getClickIssuesStats } from './integration/integration.js';
export type { ClickIssuesOptions } from './integration/options.js';
export { PASSWORD_STAND_IN, UNMASK_ATTRIBUTE } from './record/constants.js';
export { type PlaybackRecorder, playbackRecorder } from './record/recorder.js';
export type { PlaybackRecorderOptions } from './record/recorder-options.js';
export type { RecorderStats } from './record/recorder-stats.js';
export { standInFor } from './record/stand-in.js';
export { playbackEndpointFromDsn } from './record/upload.js';
export { issuesEndpointFromDsn, parseDsn } from './report/dsn.js';
export { endpointPath } from './report/endpoint.js';
export {
  EndpointReporter,
  type EndpointReporterOptions,
  type IssuesBatch,
} from './report/endpoint-reporter.js';
export {
  CLICK_ISSUE_ERROR_NAMES,
  clickIssueError,
  exceptionPath,
  reportViaException,
} from './report/exception.js';
export type { ReplayRoute, ReportExperiment, ReportOptions } from './report/options.js';
export type { IssuePath, PathContext } from './report/path.js';
export {
  replayPath,
  replayPathWith,
  reportViaReplay,
  reportViaReplayBreadcrumb,
} from './report/replay.js';
export * from './shared/constants.js';
export { onClickIssue } from './shared/issue-listeners.js';
export type { ClickIssuesStats } from './shared/stats.js';
