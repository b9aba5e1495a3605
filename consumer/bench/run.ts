// `npm run bench -w consumer`: each benchmark in a process of its own, one after the other.
// `npm run bench -w consumer -- --kafka`: the Kafka pipeline benchmark alone (it starts a broker).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const kafka = process.argv.includes('--kafka');
const benchmarks = kafka
  ? ['kafka.bench.ts']
  : ['consumer.bench.ts', 'cost-curve.bench.ts', 'dashboard.bench.ts'];

for (const benchmark of benchmarks) {
  const script = fileURLToPath(new URL(`./${benchmark}`, import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
