import { describe, expect, it } from 'vitest';
import { ARM_STORAGE_KEY } from '../shared/constants.js';
import { assignArm, checkWeights, sessionArm } from './assign.js';

class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('experiment assignment', () => {
  it('splits 300 sessions within a few percent of the weights', () => {
    const weights = { exception: 1, endpoint: 1, replay: 2 };
    const counts = { exception: 0, endpoint: 0, replay: 0 };
    for (let i = 0; i < 300; i++) counts[assignArm(weights, crypto.randomUUID())]++;
    expect(Math.abs(counts.exception / 300 - 0.25)).toBeLessThan(0.08);
    expect(Math.abs(counts.endpoint / 300 - 0.25)).toBeLessThan(0.08);
    expect(Math.abs(counts.replay / 300 - 0.5)).toBeLessThan(0.08);
  });

  it('gives one session key the same path every time', () => {
    const weights = { exception: 1, endpoint: 1, replay: 1 };
    for (let i = 0; i < 50; i++) {
      const key = crypto.randomUUID();
      const first = assignArm(weights, key);
      for (let j = 0; j < 5; j++) expect(assignArm(weights, key)).toBe(first);
    }
  });

  it('never assigns a path with weight 0', () => {
    for (let i = 0; i < 200; i++)
      expect(assignArm({ exception: 0, endpoint: 3 }, String(i))).toBe('endpoint');
  });

  it('keeps a stored assignment for the tab, even when the session key changes', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const weights = { exception: 1, endpoint: 1, replay: 1 };
    const first = sessionArm(weights, 'replay-a', storage);
    for (let i = 0; i < 20; i++) expect(sessionArm(weights, `other-${i}`, storage)).toBe(first);
    expect(JSON.parse(storage.getItem(ARM_STORAGE_KEY)!).arm).toBe(first);
  });

  it('assigns afresh when the experiment weights change', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    sessionArm({ exception: 1 }, 'k', storage);
    expect(sessionArm({ endpoint: 1 }, 'k', storage)).toBe('endpoint');
  });

  it('explains unusable weights', () => {
    expect(checkWeights({ exception: 0 })).toContain('at least one report path needs a weight above 0');
    expect(checkWeights({ exception: -1, endpoint: 1 })[0]).toMatch(/exception/);
    expect(checkWeights({ email: 1 } as never)[0]).toMatch(/unknown report path/);
    expect(checkWeights({ replay: 2 })).toEqual([]);
  });
});
