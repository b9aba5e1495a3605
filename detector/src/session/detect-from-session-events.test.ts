import { describe, expect, it } from 'vitest';
import { button, clickOn } from '../../test/builders.js';
import { type SessionEvent, SessionEventsSchema } from '../model/session-event.js';
import { detectFromSessionEvents } from './detect-from-session-events.js';

const events: SessionEvent[] = [
  { type: 'click', click: clickOn(button(), 0) },
  { type: 'click', click: clickOn(button({ id: 'save', selector: '#save' }), 1_000) },
  { type: 'signal', signal: { t: 4_500, kind: 'mutation' } },
  { type: 'click', click: clickOn(button({ id: 'last', selector: '#last' }), 9_000) },
];

describe('detectFromSessionEvents', () => {
  it('replays a recorded stream through the engine', () => {
    const issues = detectFromSessionEvents(events);
    expect(issues.map((i) => [i.type, i.target.id])).toEqual([
      ['slow', 'pay'],
      ['slow', 'save'],
    ]);
  });

  it('treats the end as the page leaving unless told time goes on', () => {
    expect(detectFromSessionEvents(events, { endT: 20_000 }).map((i) => i.target.id)).toEqual([
      'pay',
      'save',
      'last',
    ]);
    expect(
      detectFromSessionEvents(events, { flushAtEnd: false, endT: 12_000 }).map((i) => i.target.id),
    ).toEqual(['pay', 'save']);
  });

  it('validates a versioned stream and refuses an unknown version', () => {
    expect(SessionEventsSchema.safeParse({ version: 1, sessionId: 's', events }).success).toBe(true);
    const future = SessionEventsSchema.safeParse({ version: 2, sessionId: 's', events });
    expect(future.success).toBe(false);
    expect(future.error?.issues[0]?.path).toEqual(['version']);
  });
});
