// Profiling aid (not part of `npm run bench`): serves the bench consumer and loads one path, so
// `node --import tsx bench/profile-path.ts <kind> [seconds] [out.cpuprofile]` profiles that path alone,
// after a warm-up, so start-up and migrations stay out of the profile.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchConsumer } from './bench-consumer.js';
import type { LoadKind } from './load.js';
import { loadInChild } from './load-process.js';

const kind = (process.argv[2] ?? 'exception') as LoadKind;
const seconds = Number(process.argv[3] ?? 5);
const dataDir = mkdtempSync(join(tmpdir(), 'playback-profile-'));
const consumer = await startBenchConsumer(dataDir);
const { project, publicKey } = await consumer.createProject('profile');
const route = kind === 'endpoint' ? 'issues' : kind === 'playback' ? 'playback' : 'envelope';
const url = `${consumer.url}/api/${project.id}/${route}/?sentry_key=${publicKey}&sentry_version=7`;
await loadInChild(url, kind, 2, 10);
await consumer.drain();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const cpuBefore = process.cpuUsage();
const result = await loadInChild(url, kind, seconds, 10);
const ended = Date.now();
await consumer.drain();
const cpu = process.cpuUsage(cpuBefore);
const { profile } = await session.post('Profiler.stop');
if (process.argv[4]) writeFileSync(process.argv[4], JSON.stringify(profile));
const processed = Math.round(result.ok / (seconds + (Date.now() - ended) / 1000));
console.log(
  `${kind}: ${Math.round(result.requestsPerSecond)} req/s, ${processed}/s processed, p99 ${result.latencyMs.p99} ms, ` +
    `non-2xx ${result.non2xx}, ${Math.round((cpu.user + cpu.system) / result.ok)} µs of this process's CPU per request`,
);
await consumer.close();
rmSync(dataDir, { recursive: true, force: true });
