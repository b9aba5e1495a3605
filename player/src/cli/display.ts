/**
 * Whether a headed Chromium can open a window here. Linux needs an X or
 * Wayland display; macOS and Windows always have one.
 */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Headless when asked, or when there is no display to open a window on (an
 * SSH session, a container, CI); then `say` gets one line saying so and how
 * to get a window.
 */
export function chooseHeadless(
  asked: boolean | undefined,
  attaching: boolean,
  say: (line: string) => void,
  display: () => boolean = hasDisplay,
): boolean {
  if (asked || attaching) return Boolean(asked);
  if (display()) return false;
  say(
    'No display here ($DISPLAY is not set): running headless. For a window, run under a desktop session or xvfb-run; pass --headless to skip this note.',
  );
  return true;
}
