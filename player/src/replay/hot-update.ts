// Dev servers tell the page about a code change over a WebSocket. When the change is applied in
// place (hot module replacement), there is no reload to notice, so the player listens to that
// socket: a watched replay restarts on a hot update exactly as it does on a reload.
import type { Page, WebSocket } from 'playwright-core';

function parse(payload: string | Buffer): Record<string, unknown> | null {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  if (!text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Reads one message of a dev server's HMR socket. `update`: code was replaced in place;
 * `build`: a bundler finished a build, which on connect is only the current state;
 * `null`: anything else (pings, errors, reload orders — a reload is seen as a reload).
 */
export function readHotMessage(payload: string | Buffer): 'update' | 'build' | null {
  const message = parse(payload);
  if (!message) return null;
  // Vite and Parcel: { type: 'update', updates: [...] }.
  if (message.type === 'update') return 'update';
  // webpack-dev-server: { type: 'ok' } or 'still-ok' after each build (the first one on connect).
  if (message.type === 'ok' || message.type === 'still-ok') return 'build';
  // Next.js: { action: 'built' } after each build, { action: 'sync' } on connect.
  if (message.action === 'built') return 'build';
  return null;
}

/** Calls `onUpdate` each time a dev server hot-updates the page's code (not for the state sent on connect). */
export function watchHotUpdates(page: Page, onUpdate: () => void): void {
  page.on('websocket', (socket: WebSocket) => {
    let builds = 0;
    socket.on('framereceived', ({ payload }) => {
      const kind = readHotMessage(payload);
      if (kind === 'update') onUpdate();
      else if (kind === 'build' && ++builds > 1) onUpdate();
    });
  });
}
