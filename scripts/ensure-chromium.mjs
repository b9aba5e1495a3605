// Finds a Chromium for playwright-core, installing Debian's package when this
// process may (root, apt-get present); otherwise fails saying what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.PLAYBACK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags Chromium needs on this kind of machine: root, no GPU, a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function found() {
  return CANDIDATES.find((path) => path && existsSync(path));
}

export function ensureChromium() {
  const existing = found();
  if (existing) return existing;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.error('[playback] Chromium not found: installing Debian package "chromium" (apt-get)…');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = found();
    if (installed) return installed;
  }
  throw new Error(
    'Chromium is required for the browser tests. Install it with: sudo apt-get install -y chromium ' +
      '(or set PLAYBACK_CHROMIUM to a Chromium executable).',
  );
}
