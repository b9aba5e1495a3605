import { describe, expect, it } from 'vitest';
import { ClickIssueSchema } from '../model/click-issue.js';
import { hash64, uuidFromString } from './hash.js';

describe('hash64', () => {
  it('is stable and 16 hex characters', () => {
    expect(hash64('dead|/orders/:id|id:pay')).toBe(hash64('dead|/orders/:id|id:pay'));
    expect(hash64('x')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('spreads nearby inputs without collisions', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(hash64(`button-${i}`));
    expect(seen.size).toBe(20_000);
  });
});

describe('uuidFromString', () => {
  it('makes a valid, deterministic UUID that the issue schema accepts', () => {
    const id = uuidFromString('session|0|id:pay|0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromString('session|0|id:pay|0')).toBe(id);
    expect(uuidFromString('session|0|id:pay|1')).not.toBe(id);
    expect(ClickIssueSchema.shape.id.safeParse(id).success).toBe(true);
  });
});
