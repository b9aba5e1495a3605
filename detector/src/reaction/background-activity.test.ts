import { describe, expect, it } from 'vitest';
import { button, clickOn, collecting } from '../../test/builders.js';
import { BackgroundActivity } from './background-activity.js';

/** A page with a clock ticking every second, and a dead button clicked at 10 s. */
function pageWithClock(reactionNearButtonAt?: number) {
  const { detector, issues } = collecting();
  const background = new BackgroundActivity();
  const mutate = (key: string, t: number, near = false) => {
    if (!background.isBackground(key, t, { waiting: detector.isWaiting(), near })) {
      detector.signal({ t, kind: 'mutation', detail: key });
    }
  };
  for (let t = 0; t <= 30_000; t += 1_000) {
    if (t === 10_000) detector.click(clickOn(button(), 10_000));
    if (reactionNearButtonAt !== undefined && t === reactionNearButtonAt) mutate('#pay', t + 1, true);
    mutate('#clock', t + 3);
  }
  detector.advance(30_000);
  return issues;
}

describe('BackgroundActivity', () => {
  it('does not let a ticking clock answer a dead click', () => {
    expect(pageWithClock().map((i) => i.type)).toEqual(['dead']);
  });

  it('still counts a change at the clicked element as the answer', () => {
    expect(pageWithClock(11_000)).toEqual([]);
  });

  it('counts a change on an element that was quiet before the click', () => {
    const background = new BackgroundActivity();
    expect(background.isBackground('#toast', 5_000, { waiting: true, near: false })).toBe(false);
  });

  it('forgets background activity after the lookback', () => {
    const background = new BackgroundActivity({ lookbackMs: 10_000 });
    background.isBackground('#banner', 0, { waiting: false, near: false });
    expect(background.isBackground('#banner', 5_000, { waiting: true, near: false })).toBe(true);
    expect(background.isBackground('#banner', 30_000, { waiting: true, near: false })).toBe(false);
  });
});
