// A deterministic stream of click episodes of every kind, for the benchmark.
import type { SessionEvent } from '../src/model/session-event.js';
import { button, clickOn } from '../test/builders.js';

export function makeEpisodes(count: number): SessionEvent[] {
  const events: SessionEvent[] = [];
  const targets = Array.from({ length: 50 }, (_, i) => button({ id: `b${i}`, selector: `#b${i}` }));
  let t = 0;
  for (let i = 0; i < count; i++) {
    const target = targets[i % targets.length]!;
    switch (i % 5) {
      case 0: // answered fast
        events.push(
          { type: 'click', click: clickOn(target, t) },
          { type: 'signal', signal: { t: t + 40, kind: 'mutation' } },
        );
        break;
      case 1: // slow
        events.push(
          { type: 'click', click: clickOn(target, t) },
          { type: 'signal', signal: { t: t + 3_500, kind: 'mutation' } },
        );
        break;
      case 2: // rage
        for (let k = 0; k < 3; k++) events.push({ type: 'click', click: clickOn(target, t + k * 100) });
        break;
      case 3: // error
        events.push(
          { type: 'click', click: clickOn(target, t) },
          { type: 'error', error: { t: t + 30, type: 'Error', message: 'x' } },
        );
        break;
      default: // dead
        events.push({ type: 'click', click: clickOn(target, t) });
    }
    t += 9_000;
  }
  return events;
}
