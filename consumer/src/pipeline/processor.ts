// The processors: decode → scrub → sample → group → store, then the optional sinks.
import { randomBytes } from 'node:crypto';
import type { ClickIssue, ReportPath } from '@playback/detector';
import type { Logger } from 'pino';
import { isReportPath } from '../formats/report-paths.js';
import type { ConsumerMetrics } from '../metrics.js';
import type { QueueMessage } from '../queue/queue.js';
import type { StatsRecorder } from '../store/stats-recorder.js';
import type { Store } from '../store/store.js';
import { issuesFromRecording, readEnvelope, readIssuesBatch, readPlaybackUpload } from './decode.js';
import { defaultRecordingReaders, type RecordingReaders } from './detector-adapter.js';
import { groupClickIssue } from './issue-title.js';
import { OccurrenceBatcher } from './occurrence-batcher.js';
import type { OccurrenceSink } from './occurrence-sink.js';
import { shouldKeep } from './sampler.js';
import type { SamplingCache } from './sampling-cache.js';
import {
  DEFAULT_SCRUB_SETTINGS,
  type ScrubSettings,
  scrubClickIssue,
  scrubPlaybackFile,
} from './scrub/scrub-payloads.js';

export interface ProcessorOptions {
  store: Store;
  stats: StatsRecorder;
  sampling: SamplingCache;
  metrics: ConsumerMetrics;
  logger: Logger;
  sinks?: OccurrenceSink[];
  /** Run the detector over raw rrweb events too, not only read the SDK's and Sentry's breadcrumbs. */
  redetect?: boolean;
  readers?: RecordingReaders;
  maxRecordingInflatedBytes?: number;
  /** Server-side scrubbing of secrets before anything is stored or forwarded (default: on, per-process salt). */
  scrub?: Scrubbing;
}

/** How secrets are scrubbed: the salt's secret, and each project's settings. */
export interface Scrubbing {
  secret: string;
  settings: (projectId: number) => Promise<ScrubSettings>;
}

const DEFAULT_SCRUBBING: Scrubbing = {
  secret: randomBytes(16).toString('hex'),
  settings: async () => DEFAULT_SCRUB_SETTINGS,
};

/** Attempts at a store write before the message is given up (occurrence writes are idempotent). */
const STORE_ATTEMPTS = 3;
const STORE_RETRY_DELAY_MS = 50;

async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
    try {
      return await fn();
    } catch (error) {
      lastError = error;
      if (attempt < STORE_ATTEMPTS) await new Promise((r) => setTimeout(r, STORE_RETRY_DELAY_MS * attempt));
    }
  }
  throw lastError;
}

export class Processor {
  private readonly batcher: OccurrenceBatcher;

  constructor(private readonly options: ProcessorOptions) {
    this.batcher = new OccurrenceBatcher(options.store);
  }

  /** Handles one queue message. Bad payloads are logged and counted, never thrown. */
  async handle(message: QueueMessage): Promise<void> {
    try {
      await this.process(message);
    } catch (error) {
      this.options.logger.error(
        { err: error, kind: message.kind, projectId: message.projectId },
        'message processing failed',
      );
    }
  }

  /**
   * Handles one queue message and throws what failed: an HttpError (4xx) for a payload that cannot be
   * read, anything else for the store. Kafka's consumer needs the difference: the first goes to the
   * dead letter topic, the second is delivered again.
   */
  async process(message: QueueMessage): Promise<void> {
    const { metrics } = this.options;
    const end = metrics.processingSeconds.startTimer({ kind: message.kind });
    try {
      if (message.kind === 'envelope') await this.envelope(message);
      else if (message.kind === 'issues') await this.issues(message);
      else await this.playback(message);
      metrics.messagesProcessed.inc({ kind: message.kind, outcome: 'ok' });
    } catch (error) {
      metrics.messagesProcessed.inc({ kind: message.kind, outcome: 'error' });
      throw error;
    } finally {
      end();
    }
  }

  private async envelope(message: QueueMessage): Promise<void> {
    const { stats, metrics } = this.options;
    // Ingest in this process read it already (within the same caps); from Kafka it is read here.
    const read =
      message.read?.kind === 'envelope'
        ? message.read.envelope
        : await readEnvelope(message.body, {
            maxRecordingInflatedBytes: this.options.maxRecordingInflatedBytes,
          });
    stats.add(message.projectId, read.path, { requests: 1, bytesReceived: message.wireBytes });
    if (read.exceptionIssues.length > 0) {
      stats.addSessions(
        message.projectId,
        'exception',
        read.exceptionIssues.flatMap((i) => (i.sessionId ? [i.sessionId] : [])),
      );
      await this.storeAll(message.projectId, read.exceptionIssues, 'exception');
    }
    if (read.replayId) stats.addSessions(message.projectId, 'replay', [read.replayId]);
    const readers = this.options.readers ?? defaultRecordingReaders;
    for (const segment of read.recordings) {
      // Re-detection needs the replay so far: a later segment's clicks name nodes of an earlier snapshot.
      const redetect =
        (this.options.redetect ?? false) && readers.detectFromRrweb !== null && read.replayId !== null;
      const history = redetect
        ? await this.options.store.appendReplaySegment(
            message.projectId,
            read.replayId!,
            segment.segmentId,
            segment.events,
          )
        : segment.events;
      const { issues, invalid } = issuesFromRecording(
        segment.events,
        { sessionId: null, replayId: read.replayId },
        { redetect, readers, history },
      );
      if (invalid > 0) metrics.invalidIssues.inc({ path: 'replay' }, invalid);
      await this.storeAll(message.projectId, issues, 'replay');
    }
  }

  private async issues(message: QueueMessage): Promise<void> {
    const batch = message.read?.kind === 'issues' ? message.read.batch : readIssuesBatch(message.body);
    // A batch of click issues comes by the endpoint path, unless ingest named another report path.
    const path = isReportPath(message.path) ? message.path : 'endpoint';
    this.options.stats.add(message.projectId, path, { requests: 1, bytesReceived: message.wireBytes });
    this.options.stats.addSessions(
      message.projectId,
      path,
      batch.issues.flatMap((i) => (i.sessionId ? [i.sessionId] : [])),
    );
    await this.storeAll(
      message.projectId,
      batch.issues.map((issue) => ({ ...issue, via: issue.via ?? path })),
      path,
    );
  }

  /** A playback file: stored as a session; its click issues link it to their groups as they arrive. */
  private async playback(message: QueueMessage): Promise<void> {
    const scrub = this.options.scrub ?? DEFAULT_SCRUBBING;
    const upload = message.read?.kind === 'playback' ? message.read.file : readPlaybackUpload(message.body);
    const file = scrubPlaybackFile(upload, await scrub.settings(message.projectId), scrub.secret);
    const { store, stats } = this.options;
    stats.add(message.projectId, 'playback', { requests: 1, bytesReceived: message.wireBytes });
    stats.addSessions(message.projectId, 'playback', [file.meta.id]);
    await withRetry(() => store.saveSession(message.projectId, file, message.body.length));
  }

  private async storeAll(projectId: number, issues: readonly ClickIssue[], path: ReportPath): Promise<void> {
    const { stats, metrics, sampling, logger } = this.options;
    if (issues.length === 0) return;
    const config = await sampling.get(projectId);
    const kept = issues.filter((issue) => {
      if (shouldKeep(config, issue, path)) return true;
      stats.add(projectId, path, { sampledOut: 1 });
      metrics.occurrences.inc({ path, outcome: 'sampled_out' });
      return false;
    });
    const scrub = this.options.scrub ?? DEFAULT_SCRUBBING;
    const settings = await scrub.settings(projectId);
    const entries = kept.map((sent) => {
      const issue = scrubClickIssue(sent, settings, scrub.secret);
      return { issue, path, group: groupClickIssue(issue) };
    });
    const results = await Promise.all(entries.map((entry) => this.batcher.write(projectId, entry)));
    results.forEach((recorded, i) => {
      metrics.occurrences.inc({ path, outcome: recorded.stored ? 'stored' : 'duplicate' });
      const { issue, group } = entries[i]!;
      // A copy of a click the sinks already had under another id (a re-derived copy, or the SDK's report
      // replacing one) is not sent again: their readers keep one per id, so it would count twice there.
      const sendsNew = recorded.stored && recorded.issueId !== null && !recorded.replaced;
      if (!sendsNew && !recorded.repeated) return;
      for (const sink of this.options.sinks ?? []) {
        const written =
          sendsNew && recorded.issueId !== null
            ? sink.write({
                projectId,
                issueId: recorded.issueId,
                newIssue: recorded.newIssue,
                path,
                group,
                issue,
              })
            : sink.repeat?.({ projectId, path, group, issue });
        written?.catch((error: unknown) => logger.warn({ err: error, sink: sink.name }, 'sink write failed'));
      }
    });
  }
}
