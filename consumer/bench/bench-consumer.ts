// The consumer every consumer bench measures: the embedded defaults (PGlite on disk under `dataDir`, the
// in-process queue), quiet, and with no rate limit in the way of the load.
import { pino } from 'pino';
import { type RunningConsumer, startConsumer } from '../src/runtime/consumer.js';

export function startBenchConsumer(dataDir: string): Promise<RunningConsumer> {
  return startConsumer({
    port: 0,
    dataDir,
    logger: pino({ level: 'warn' }),
    rateLimitPerSecond: 1e9,
    rateLimitBurst: 1e9,
  });
}
