// Entry of the script-tag build: `window.Playback`.
import * as Playback from './global-api.js';

// Set on globalThis, not as a top-level `var`: an init script (Playwright's addInitScript) or any
// wrapper runs the bundle in a function scope, where a `var` would stay local.
(globalThis as typeof globalThis & { Playback?: typeof Playback }).Playback = Playback;
