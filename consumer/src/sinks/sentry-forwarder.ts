// Forwards each new occurrence to a real Sentry project (PLAYBACK_FORWARD_DSN) with @sentry/node,
// on a client of its own: nothing global is initialized, the host process's Sentry is untouched.
import type { Logger } from 'pino';
import type { ConsumerMetrics } from '../metrics.js';
import type { NewOccurrence, OccurrenceSink } from '../pipeline/occurrence-sink.js';

export interface SentryForwarderOptions {
  dsn: string;
  logger: Logger;
  metrics: ConsumerMetrics;
  environment?: string;
  release?: string;
}

/** Milliseconds `close` waits for queued events to leave. */
const FORWARD_FLUSH_TIMEOUT_MS = 2_000;

/** The event Sentry receives: grouped by the click issue's fingerprint, titled like the Playback issue. */
export function forwardedEvent(occurrence: NewOccurrence) {
  const { issue, group, path } = occurrence;
  return {
    event_id: issue.id.replace(/-/g, ''),
    timestamp: issue.timestamp / 1000,
    level: issue.type === 'error' ? ('error' as const) : ('warning' as const),
    message: group.title,
    transaction: group.culprit,
    fingerprint: ['click-issue', issue.fingerprint],
    tags: {
      'click_issue.type': issue.type,
      'click_issue.via': issue.via ?? path,
      'click_issue.path': path,
      'click_issue.source': issue.source,
      ...(issue.replayId ? { replayId: issue.replayId } : {}),
    },
    contexts: { click_issue: { ...issue } },
    request: { url: issue.url },
    extra: { playbackIssueId: occurrence.issueId, playbackProjectId: occurrence.projectId },
  };
}

export async function createSentryForwarder(options: SentryForwarderOptions): Promise<OccurrenceSink> {
  const Sentry = await import('@sentry/node');
  const client = new Sentry.NodeClient({
    dsn: options.dsn,
    transport: Sentry.makeNodeTransport,
    stackParser: Sentry.defaultStackParser,
    integrations: [],
    sendClientReports: false,
    normalizeDepth: 10,
    ...(options.environment ? { environment: options.environment } : {}),
    ...(options.release ? { release: options.release } : {}),
  });
  const scope = new Sentry.Scope();
  scope.setClient(client);
  client.init();
  return {
    name: 'sentry',
    async write(occurrence) {
      try {
        client.captureEvent(forwardedEvent(occurrence), undefined, scope);
        options.metrics.forwarded.inc({ outcome: 'sent' });
      } catch (error) {
        options.metrics.forwarded.inc({ outcome: 'failed' });
        options.logger.warn({ err: error }, 'forwarding to Sentry failed');
      }
    },
    async close() {
      await client.close(FORWARD_FLUSH_TIMEOUT_MS);
    },
  };
}
