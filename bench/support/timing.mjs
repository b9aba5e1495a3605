// The timing loop every package's benchmarks share: rounds after a warm-up, variants interleaved so a
// machine that slows down mid-run slows every variant alike, medians, and one place results are written
// (bench/results/<name>.json at the repository root). Plain ESM with its types beside it
// (timing.d.mts), so any package's bench imports it without a build and without importing a package.
import { mkdirSync, writeFileSync } from 'node:fs';

/** The middle value (the upper middle of an even count); 0 for none. */
export function median(values) {
  if (values.length === 0) return 0;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Median, fastest and slowest, to a tenth. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const tenth = (n) => Math.round(n * 10) / 10;
  return {
    median: tenth(median(sorted)),
    min: tenth(sorted[0] ?? 0),
    max: tenth(sorted[sorted.length - 1] ?? 0),
  };
}

/** Count per second from a count and the milliseconds it took, rounded. */
export const perSecond = (count, ms) => Math.round(count / (ms / 1000));

/** Times synchronous `work`: `warmup` unrecorded rounds, then `rounds`, in ms. */
export function timeSync(work, { rounds = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) work();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return { medianMs: median(times), rounds: times };
}

/**
 * Times each named async variant `rounds` times, interleaved (a, b, a, b, …), after `warmup` unrecorded
 * rounds of each. Returns the ms of every round per variant.
 */
export async function timeVariants(variants, { rounds = 7, warmup = 0 } = {}) {
  const names = Object.keys(variants);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < warmup + rounds; i++) {
    for (const name of names) {
      const start = performance.now();
      await variants[name]();
      if (i >= warmup) times[name].push(performance.now() - start);
    }
  }
  return times;
}

/** Writes `results` to bench/results/<name>.json at the repository root and returns its path. */
export function writeBenchResult(name, results) {
  const out = new URL(`../results/${name}.json`, import.meta.url);
  mkdirSync(new URL('.', out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  return out.pathname;
}
