// Project keys, looked up once and cached for KEY_CACHE_TTL_MS (unknown keys too, so floods stay cheap).
import { KEY_CACHE_TTL_MS } from '../../constants.js';
import type { ProjectKey } from '../../store/projects.js';
import type { Store } from '../../store/store.js';

export class KeyCache {
  private readonly cache = new Map<string, { key: ProjectKey | null; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = KEY_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async get(publicKey: string): Promise<ProjectKey | null> {
    const hit = this.cache.get(publicKey);
    if (hit && hit.until > this.now()) return hit.key;
    const key = await this.store.findKey(publicKey);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(publicKey, { key, until: this.now() + this.ttlMs });
    return key;
  }

  forget(publicKey: string): void {
    this.cache.delete(publicKey);
  }
}
