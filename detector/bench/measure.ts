// Timing helpers for benchmarks: median of several rounds after a warm-up.
export interface Measurement {
  medianMs: number;
  rounds: number[];
}

export function measure(work: () => void, rounds = 7, warmup = 2): Measurement {
  for (let i = 0; i < warmup; i++) work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, rounds: times };
}

export const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));
