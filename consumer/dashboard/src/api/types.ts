// The consumer's API responses as the dashboard reads them: the consumer's own wire contract
// (consumer/src/formats/wire.ts), imported as types only, so esbuild erases them and nothing is restated.
// The lists of issue types and paths are the detector's (its zod-free engine entry).

export type { ClickIssueType, Evidence, PageError, ReportPath, Target } from '@playback/detector/engine';
export { CLICK_ISSUE_TYPES, REPORT_PATHS } from '@playback/detector/engine';
export type {
  Comparison,
  CreatedProject,
  DashboardIssueList,
  IssueDetail,
  IssueFacets,
  IssueSeries,
  IssueSort,
  IssueSummary,
  OccurrenceView,
  PathComparison,
  Percentiles,
  Period,
  ProjectListEntry,
  SamplingConfig,
  SeriesWindow,
  SessionSummary,
} from '../../../src/formats/wire';
