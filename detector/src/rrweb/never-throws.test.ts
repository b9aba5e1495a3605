import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeShopRecording } from '../../test/fixtures/rrweb/make-recording.js';
import { detectFromRrweb } from './detect-from-rrweb.js';
import { readSentryClickBreadcrumbs } from './read-sentry-click-breadcrumbs.js';

/** Events shaped like rrweb's, with any payload: the garbage a broken or hostile client can send. */
const rrwebShaped = fc.record({
  type: fc.integer({ min: -1, max: 8 }),
  timestamp: fc.oneof(fc.integer({ min: 1_763_899_200_000, max: 1_763_899_300_000 }), fc.anything()),
  data: fc.oneof(
    fc.anything(),
    fc.record({
      source: fc.integer({ min: 0, max: 16 }),
      type: fc.integer({ min: 0, max: 10 }),
      id: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.anything()),
      adds: fc.anything(),
      removes: fc.anything(),
      texts: fc.anything(),
      attributes: fc.anything(),
    }),
    fc.record({ tag: fc.constantFrom('breadcrumb', 'performanceSpan'), payload: fc.anything() }),
  ),
});

describe('reading recordings from the wild', () => {
  const shop = makeShopRecording({ clicks: 4 });

  it('never throws, whatever is mixed into a real recording', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(rrwebShaped, fc.anything()), { maxLength: 40 }), fc.nat(), (junk, at) => {
        const cut = at % shop.length;
        const events = [...shop.slice(0, cut), ...junk, ...shop.slice(cut)];
        expect(() => detectFromRrweb(events)).not.toThrow();
        expect(() => readSentryClickBreadcrumbs(events)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
