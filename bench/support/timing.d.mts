export declare function median(values: readonly number[]): number;
export declare function spread(values: readonly number[]): { median: number; min: number; max: number };
export declare const perSecond: (count: number, ms: number) => number;
export interface Timed {
  medianMs: number;
  rounds: number[];
}
export declare function timeSync(work: () => void, options?: { rounds?: number; warmup?: number }): Timed;
export declare function timeVariants<K extends string>(
  variants: Record<K, () => Promise<unknown>>,
  options?: { rounds?: number; warmup?: number },
): Promise<Record<K, number[]>>;
export declare function writeBenchResult(name: string, results: unknown): string;
