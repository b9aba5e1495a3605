export * from './constants.js';
export type { ClickIssues, CreateClickIssuesOptions } from './create-click-issues.js';
export { createClickIssues } from './create-click-issues.js';
export { clickIssuesIntegration } from './entries/all-paths.js';
export { assignArm, type ReportWeights } from './experiment/assign.js';
export type {
  ClickIssuesIntegration,
  ClickIssuesIntegrationOptions,
  IntegrationBuild,
  ReplayFallback,
} from './integration.js';
export { clickIssuesIntegrationWith, getClickIssuesStats } from './integration.js';
export { onClickIssue } from './issue-listeners.js';
export type { ClickIssuesOptions } from './options.js';
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
export type { ReportExperiment, ReportOptions } from './report/options.js';
export type { IssuePath, PathContext } from './report/path.js';
export {
  type ReplayRoute,
  replayPath,
  replayPathWith,
  reportViaReplay,
  reportViaReplayBreadcrumb,
} from './report/replay.js';
export type { ClickIssuesStats } from './stats.js';
