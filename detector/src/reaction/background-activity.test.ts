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

describe('background learned from the rhythm', () => {
  it('remembers a slow slider between turns, past the fixed look-back', () => {
    const background = new BackgroundActivity();
    // Turns every 6 s while nobody clicks, then pauses (hovered) for 18 s.
    for (const t of [0, 6_000, 12_000])
      background.isBackground('#slider', t, { waiting: false, near: false });
    expect(background.periodOf('#slider')).toBe(6_000);
    expect(background.isBackground('#slider', 30_000, { waiting: true, near: false })).toBe(true);
  });

  it('forgets a rhythmic changer only after several of its periods', () => {
    const background = new BackgroundActivity();
    for (const t of [0, 6_000]) background.isBackground('#slider', t, { waiting: false, near: false });
    expect(background.isChanger('#slider', 6_000 + 24_000)).toBe(true);
    expect(background.isChanger('#slider', 6_000 + 24_001)).toBe(false);
  });

  // Edge case decided: an element that changed on its own only once is background for the look-back
  // only. One change is no rhythm: it may be the page settling (a late render), and a click whose
  // answer lands there later must still be answered. Within the look-back it is background, because
  // the page may still be settling there right after load.
  it('treats an element that changed on its own only once as background for the look-back only', () => {
    const background = new BackgroundActivity();
    background.isBackground('#results', 0, { waiting: false, near: false });
    expect(background.periodOf('#results')).toBeNull();
    expect(background.isChanger('#results', 15_000)).toBe(true);
    expect(background.isBackground('#results', 15_001, { waiting: true, near: false })).toBe(false);
  });

  it('takes a change known to come from the page’s own task as background, even while a click waits', () => {
    const background = new BackgroundActivity();
    expect(background.isBackground('#badge', 100, { waiting: true, near: true, spontaneous: true })).toBe(
      true,
    );
    expect(background.isChanger('#badge', 200)).toBe(true);
  });
});
