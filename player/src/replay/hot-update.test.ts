import { describe, expect, it } from 'vitest';
import { readHotMessage } from './hot-update.js';

describe('readHotMessage', () => {
  it("reads Vite's in-place update", () => {
    const vite = JSON.stringify({
      type: 'update',
      updates: [{ type: 'js-update', path: '/src/App.tsx', acceptedPath: '/src/App.tsx', timestamp: 1 }],
    });
    expect(readHotMessage(vite)).toBe('update');
    expect(readHotMessage(Buffer.from(vite))).toBe('update');
  });

  it('reads a finished build from webpack-dev-server and Next.js', () => {
    expect(readHotMessage('{"type":"ok"}')).toBe('build');
    expect(readHotMessage('{"type":"still-ok"}')).toBe('build');
    expect(readHotMessage('{"action":"built","hash":"abc"}')).toBe('build');
  });

  it('ignores pings, connects, reload orders and non-JSON frames', () => {
    expect(readHotMessage('{"type":"connected"}')).toBeNull();
    expect(readHotMessage('{"type":"ping"}')).toBeNull();
    expect(readHotMessage('{"type":"full-reload","path":"*"}')).toBeNull();
    expect(readHotMessage('{"action":"sync"}')).toBeNull();
    expect(readHotMessage('pong')).toBeNull();
    expect(readHotMessage('{not json')).toBeNull();
  });
});
