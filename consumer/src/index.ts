// @playback/consumer: the backend every path reports to.

export * from './constants.js';
export { type Envelope, EnvelopeError, type EnvelopeItem, parseEnvelope } from './formats/envelope.js';
export { type IssuesBatch, IssuesBatchSchema, MAX_SESSION_ID_CHARS } from './formats/issues-batch.js';
export {
  isReportPath,
  registerReportPath,
  reportPaths,
  type TrafficPath,
  trafficPaths,
} from './formats/report-paths.js';
export { buildDsn, type ParsedDsn, parseDsn } from './http/dsn.js';
export { parseSentryAuthHeader, publicKeyOf } from './http/ingest/auth.js';
export { type RateDecision, RateLimiter } from './http/ingest/rate-limiter.js';
export { issuesFromRecording, readEnvelope, readIssuesBatch, readPlaybackUpload } from './pipeline/decode.js';
export { groupClickIssue, issueCulprit, issueTitle } from './pipeline/issue-title.js';
export type { NewOccurrence, OccurrenceSink, RepeatedOccurrence } from './pipeline/occurrence-sink.js';
export {
  DEFAULT_SAMPLING,
  type SamplingConfig,
  SamplingConfigSchema,
  SamplingRuleSchema,
  samplingKey,
  samplingRate,
  shouldKeep,
} from './pipeline/sampler.js';
export { EmbeddedQueue, type EmbeddedQueueOptions } from './queue/embedded-queue.js';
export { type KafkaSettingsInput, kafkaSettingsFromEnv } from './queue/kafka-config.js';
export { fromQueueRecord, type QueueRecord, toQueueRecord } from './queue/kafka-message.js';
export { createKafkaQueue, KafkaQueue } from './queue/kafka-queue.js';
export { type KafkaTopics, kafkaTopics } from './queue/kafka-topics.js';
export {
  type MessageHandler,
  type MessageKind,
  type Queue,
  QueueFullError,
  type QueueMessage,
  QueueUnavailableError,
} from './queue/queue.js';
export {
  type ConsumerOptions,
  type CreatedProject,
  consumerOptionsFromEnv,
  openStore,
  type RunningConsumer,
  startConsumer,
} from './runtime/consumer.js';
export { type ProcessorsOptions, type RunningProcessors, startProcessors } from './runtime/processors.js';
export {
  ISSUE_PLATFORM_TYPE_IDS,
  type IssueOccurrence,
  IssueOccurrenceSchema,
  issueOccurrence,
} from './sinks/issue-occurrence.js';
export type { Database, DatabaseOptions } from './store/database.js';
export type { IssueDetail, IssueSummary } from './store/issues.js';
export { MIGRATIONS, migrate } from './store/migrations.js';
export type { IssueGroup } from './store/occurrences.js';
export { openDatabase } from './store/open-store.js';
export type { SessionDetail, SessionSummary } from './store/sessions.js';
export type { PathStats } from './store/stats.js';
export { Store } from './store/store.js';
