import { describe, expect, it } from 'vitest';
import { describeStep, renderStepLine } from './render-terminal.js';

describe('the terminal report', () => {
  it('prints hash routes as routes', () => {
    expect(describeStep({ type: 'navigate', t: 0, url: 'https://conduit.example/#/article/welcome' })).toBe(
      'navigate /#/article/welcome',
    );
    expect(describeStep({ type: 'navigate', t: 0, url: 'https://shop.example.com/checkout?step=2' })).toBe(
      'navigate /checkout?step=2',
    );
  });

  it('says what each --net mode did with a request', () => {
    const line = renderStepLine(
      { type: 'navigate', t: 0, url: 'https://shop.example.com/' },
      {
        index: 0,
        type: 'navigate',
        t: 0,
        status: 'ok',
        pageErrors: [],
        requests: [
          { method: 'GET', url: 'http://localhost:5173/api/promo', answer: 'passthrough', status: 404 },
          {
            method: 'GET',
            url: 'http://localhost:5173/api/feed',
            answer: 'recorded',
            beyondRecording: { made: 3, recorded: 2 },
          },
        ],
      },
    );
    expect(line).toContain('→ GET /api/promo (passthrough: 404)');
    expect(line).toContain('→ GET /api/feed (recorded, call 3 of 2 recorded: last answer repeated)');
  });
});
