import { describe, expect, it } from 'vitest';
import { chooseHeadless, hasDisplay } from './display.js';

describe('chooseHeadless', () => {
  it('runs headless on a Linux machine with no display, saying so in one line', () => {
    const said: string[] = [];
    expect(
      chooseHeadless(
        undefined,
        false,
        (line) => said.push(line),
        () => false,
      ),
    ).toBe(true);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^No display here \(\$DISPLAY is not set\): running headless\./);
  });

  it('opens a window where there is a display, and is quiet when --headless was asked', () => {
    const said: string[] = [];
    expect(
      chooseHeadless(
        undefined,
        false,
        (line) => said.push(line),
        () => true,
      ),
    ).toBe(false);
    expect(
      chooseHeadless(
        true,
        false,
        (line) => said.push(line),
        () => false,
      ),
    ).toBe(true);
    expect(said).toEqual([]);
  });

  it('knows a display by DISPLAY or WAYLAND_DISPLAY on Linux', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});
