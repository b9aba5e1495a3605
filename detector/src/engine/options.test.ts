import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveClickDetectorOptions } from './options.js';
import { ClickDetectorOptionsSchema } from './options-schema.js';

// The engine resolves options without zod (it ships to browsers); the zod schema is the same
// contract for servers. Any input must get the same answer from both.
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -5, max: 20_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  // Edges where plain code and zod could part: unsafe integers, infinities, fractions, -0.
  fc.constantFrom(2 ** 53, Number.MAX_VALUE, Number.POSITIVE_INFINITY, -0, 0.5, 2.5),
);
const optionsInput = fc.record(
  {
    deadTimeoutMs: fc.oneof(fc.integer({ min: 1, max: 20_000 }), anyValue),
    slowThresholdMs: fc.oneof(fc.integer({ min: 1, max: 20_000 }), anyValue),
    rageClickCount: fc.oneof(fc.integer({ min: 2, max: 9 }), anyValue),
    rageWindowMs: fc.oneof(fc.integer({ min: 1, max: 5_000 }), anyValue),
    errorWindowMs: fc.oneof(fc.integer({ min: 1, max: 5_000 }), anyValue),
    sessionId: fc.oneof(fc.string(), anyValue),
    replayId: fc.oneof(fc.string(), anyValue),
    ignore: fc.oneof(
      fc.record({ downloads: fc.oneof(fc.boolean(), anyValue) }, { requiredKeys: [] }),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);

function plain(input: unknown) {
  try {
    return { ok: true as const, value: resolveClickDetectorOptions(input as never) };
  } catch {
    return { ok: false as const };
  }
}

function withZod(input: unknown) {
  const result = ClickDetectorOptionsSchema.safeParse(input);
  return result.success ? { ok: true as const, value: result.data } : { ok: false as const };
}

describe('detector options', () => {
  it('fill every default when none is given', () => {
    expect(resolveClickDetectorOptions()).toEqual({
      deadTimeoutMs: 7000,
      slowThresholdMs: 3000,
      rageClickCount: 3,
      rageWindowMs: 1000,
      errorWindowMs: 1000,
      ignore: {
        modifierClicks: true,
        nonPrimaryButton: true,
        downloads: true,
        newTabLinks: true,
        nativeControls: true,
        disabledTargets: true,
        currentTargets: true,
        ignoredTargets: true,
        nonActionable: true,
      },
      sessionId: null,
      replayId: null,
    });
  });

  it('name the option that is wrong', () => {
    expect(() => resolveClickDetectorOptions({ deadTimeoutMs: -1 })).toThrow(
      /deadTimeoutMs must be a positive number/,
    );
    expect(() => resolveClickDetectorOptions({ rageClickCount: 1 })).toThrow(
      /rageClickCount must be an integer of at least 2/,
    );
    expect(() => resolveClickDetectorOptions({ ignore: { downloads: 'no' as never } })).toThrow(
      /ignore.downloads/,
    );
    expect(() => resolveClickDetectorOptions({ slowThresholdMs: 8000 })).toThrow(/less than deadTimeoutMs/);
  });

  it('accept and reject exactly what the zod schema does, with the same result', () => {
    fc.assert(
      fc.property(optionsInput, (input) => {
        expect(plain(input)).toEqual(withZod(input));
      }),
      { numRuns: 2000 },
    );
  });
});
