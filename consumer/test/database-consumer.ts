// A test consumer on one of the test databases (embedded PGlite, or its own schema on the PostgreSQL
// server): what every suite that runs the same cases on both stores starts.
import type { ConsumerOptions, RunningConsumer } from '../src/runtime/consumer.js';
import type { TestDatabase } from './databases.js';
import { startTestConsumer } from './harness.js';

export function startTestConsumerOn(
  database: TestDatabase,
  options: ConsumerOptions = {},
): Promise<RunningConsumer> {
  const { dataDir, databaseUrl, schema } = database.options();
  return startTestConsumer({
    ...(dataDir ? { dataDir } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(schema ? { databaseSchema: schema } : {}),
    ...options,
  });
}
