// Small numeric shapes the figures are made of: a share with its counts, and latency percentiles.

/** `part` of `whole`, with the share (null when there is nothing to divide). */
export interface Ratio {
  part: number;
  whole: number;
  share: number | null;
}

export function ratio(part: number, whole: number): Ratio {
  return { part, whole, share: whole > 0 ? part / whole : null };
}

export function addRatios(ratios: Ratio[]): Ratio {
  return ratio(
    ratios.reduce((sum, r) => sum + r.part, 0),
    ratios.reduce((sum, r) => sum + r.whole, 0),
  );
}

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  n: number;
}

/** Nearest-rank percentiles: each is a value that was measured, not an interpolation. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: rank(0.5), p95: rank(0.95), n: sorted.length };
}

export function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}
