// GET /healthz and GET /metrics, the same for `serve` and `consume`: an orchestrator probes the first,
// Prometheus scrapes the second.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsumerMetrics } from '../metrics.js';
import type { Queue } from '../queue/queue.js';
import type { Store } from '../store/store.js';

export interface HealthRoutesOptions {
  store: Store;
  queue: Queue;
  metrics: ConsumerMetrics;
  /** Guards /metrics (the API token); /healthz stays open for orchestrators. */
  metricsGuard?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (
  app,
  { store, queue, metrics, metricsGuard },
) => {
  app.get('/healthz', async (_request, reply) => {
    try {
      await store.ping();
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', detail: (error as Error).message });
    }
    const problem = queue.deliveryProblem?.() ?? null;
    if (problem) return reply.code(503).send({ status: 'unavailable', detail: problem });
    return { status: 'ok', database: store.kind, queue: { kind: queue.kind, depth: queue.depth() } };
  });
  app.get('/metrics', { ...(metricsGuard ? { onRequest: metricsGuard } : {}) }, async (_request, reply) => {
    metrics.queueDepth.set(queue.depth());
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
};
