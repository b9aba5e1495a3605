import { describe, expect, it } from 'vitest';
import { clickIssue } from '../../test/fixtures.js';
import { SamplingConfigSchema, samplingPoint, samplingRate, shouldKeep } from './sampler.js';

describe('sampler', () => {
  it('picks the most specific rule: type+path, type, path, then the project rate', () => {
    const config = SamplingConfigSchema.parse({
      rate: 0.9,
      rules: [
        { path: 'replay', rate: 0.5 },
        { type: 'dead', rate: 0.4 },
        { type: 'dead', path: 'replay', rate: 0.1 },
      ],
    });
    expect(samplingRate(config, 'dead', 'replay')).toBe(0.1);
    expect(samplingRate(config, 'dead', 'endpoint')).toBe(0.4);
    expect(samplingRate(config, 'rage', 'replay')).toBe(0.5);
    expect(samplingRate(config, 'rage', 'exception')).toBe(0.9);
  });

  it('keeps or drops a session whole, and keeps about the rate', () => {
    const config = SamplingConfigSchema.parse({ rate: 0.3 });
    let kept = 0;
    for (let s = 0; s < 2000; s++) {
      const a = clickIssue({ sessionId: `s${s}`, type: 'dead' });
      const b = clickIssue({ sessionId: `s${s}`, type: 'dead', route: '/other' });
      expect(shouldKeep(config, a, 'endpoint')).toBe(shouldKeep(config, b, 'replay'));
      if (shouldKeep(config, a, 'endpoint')) kept++;
    }
    expect(kept / 2000).toBeGreaterThan(0.25);
    expect(kept / 2000).toBeLessThan(0.35);
    expect(samplingPoint('x')).toBe(samplingPoint('x'));
  });

  it('rejects rates outside [0, 1] and unknown fields', () => {
    expect(SamplingConfigSchema.safeParse({ rate: 2 }).success).toBe(false);
    expect(SamplingConfigSchema.safeParse({ rules: [{ type: 'sluggish', rate: 1 }] }).success).toBe(false);
    expect(SamplingConfigSchema.safeParse({ rat: 1 }).success).toBe(false);
  });
});
