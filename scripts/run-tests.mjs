#!/usr/bin/env node
// `npm test`: runs every package's tests through turbo, then prints one
// closing line summed over all packages: "N passed, N failed[, N skipped]".
// Each package's vitest writes a JSON report to <package>/.test-results/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
const passthrough = process.argv.slice(2);

if (passthrough.includes('--help') || passthrough.includes('-h')) {
  console.log(`npm test: every package's tests, one package at a time, then one line "N passed, N failed".

  npm test                                   all packages
  npm test -- --filter=@playback/player      one package (any turbo run option passes through)

Browser suites use /usr/bin/chromium (PLAYBACK_CHROMIUM for another); Kafka suites fetch Kafka's jars
with mvn; PostgreSQL suites use 127.0.0.1:5432 (PLAYBACK_TEST_POSTGRES_URL for another server).`);
  process.exit(0);
}

for (const ws of workspaces) rmSync(join(root, ws, '.test-results'), { recursive: true, force: true });

// One package at a time: browser and broker suites each want the two cores.
const run = spawnSync('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...passthrough], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const ws of workspaces) {
  const pkg = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  const dir = join(root, ws, '.test-results');
  const reports = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  if (reports.length === 0) {
    missing.push(ws);
    continue;
  }
  for (const file of reports) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A suite that failed to load counts as a failure even with no test inside.
    for (const suite of report.testResults ?? []) {
      if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed++;
    }
  }
}
if (missing.length > 0) {
  console.error(`\nNo test report from: ${missing.join(', ')} (the package's test run did not finish).`);
  failed += missing.length;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
const ok = run.status === 0 && failed === 0 && passed > 0;
process.exit(ok ? 0 : 1);
