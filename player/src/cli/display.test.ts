import { describe, expect, it } from 'vitest';
import { chooseHeadless, hasDisplay } from './display.js';

/** chooseHeadless with a display there or not, and every line it says. */
function choose(asked: boolean | undefined, displayThere: boolean) {
  const said: string[] = [];
  const headless = chooseHeadless(
    asked,
    false,
    (line) => said.push(line),
    () => displayThere,
  );
  return { headless, said };
}

describe('chooseHeadless', () => {
  it('runs headless on a Linux machine with no display, saying so in one line', () => {
    const { headless, said } = choose(undefined, false);
    expect(headless).toBe(true);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^No display here \(\$DISPLAY is not set\): running headless\./);
  });

  it.each([
    { when: 'there is a display', asked: undefined, displayThere: true, headless: false },
    { when: '--headless was asked', asked: true, displayThere: false, headless: true },
  ])('is quiet when $when', ({ asked, displayThere, headless }) => {
    expect(choose(asked, displayThere)).toEqual({ headless, said: [] });
  });

  it('knows a display by DISPLAY or WAYLAND_DISPLAY on Linux', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});
