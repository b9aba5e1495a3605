import { countFailure } from '../shared/stats.js';
import { issuesEndpointFromDsn } from './dsn.js';
import { EndpointReporter } from './endpoint-reporter.js';
import type { IssuePath, PathContext } from './path.js';

/** This integration's batching reporter, made on first use (the DSN is known by then). */
function reporterOf(context: PathContext, create: boolean): EndpointReporter | null {
  const existing = context.state.get('endpoint') as EndpointReporter | undefined;
  if (existing || !create) return existing ?? null;
  const dsn = context.client.getDsn();
  const url = context.options.endpoint ?? (dsn ? issuesEndpointFromDsn(dsn) : null);
  if (!url) return null;
  const reporter = new EndpointReporter({ ...context.options.endpointOptions, url });
  context.state.set('endpoint', reporter);
  return reporter;
}

/** The `endpoint` path: batched POSTs to the issues endpoint. */
export const endpointPath: IssuePath = {
  path: 'endpoint',
  send(issue, context) {
    const reporter = reporterOf(context, true);
    if (reporter) reporter.enqueue(issue);
    else countFailure(context.stats, 'endpoint:no-url');
    return true;
  },
  flush(context, leaving) {
    const reporter = reporterOf(context, false);
    if (leaving) reporter?.flushOnExit();
    else reporter?.flush();
  },
  stop(context) {
    reporterOf(context, false)?.stop();
  },
  addStats(context, out) {
    const reporter = reporterOf(context, false);
    if (!reporter) return;
    const c = reporter.counters;
    out.sent.endpoint = c.sent;
    out.dropped.queueFull = c.queueFull;
    out.dropped.retriesExhausted = c.retriesExhausted;
    out.dropped.rejected = c.rejected;
    out.retries = c.retries;
    out.failures += c.failures;
  },
};
