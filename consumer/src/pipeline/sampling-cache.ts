// Sampling configs read from the store, cached briefly: a PUT here applies at once,
// a PUT on another consumer of the same store within SAMPLING_CACHE_TTL_MS.
import type { Store } from '../store/store.js';
import { DEFAULT_SAMPLING, type SamplingConfig, SamplingConfigSchema } from './sampler.js';

export const SAMPLING_CACHE_TTL_MS = 1_000;

export class SamplingCache {
  private readonly cache = new Map<number, { config: SamplingConfig; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async get(projectId: number): Promise<SamplingConfig> {
    const hit = this.cache.get(projectId);
    if (hit && hit.until > this.now()) return hit.config;
    const stored = await this.store.getSampling(projectId);
    const parsed = SamplingConfigSchema.safeParse(stored ?? DEFAULT_SAMPLING);
    const config = parsed.success ? parsed.data : DEFAULT_SAMPLING;
    this.cache.set(projectId, { config, until: this.now() + SAMPLING_CACHE_TTL_MS });
    return config;
  }

  async set(projectId: number, config: SamplingConfig): Promise<void> {
    await this.store.setSampling(projectId, config);
    this.cache.set(projectId, { config, until: this.now() + SAMPLING_CACHE_TTL_MS });
  }
}
