// Steps the recorder writes for controls and shortcuts, performed with trusted input in Chromium.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { performStep } from '../src/replay/perform-step.js';

const NO_MODIFIERS = { alt: false, ctrl: false, meta: false, shift: false };
const ctx = { stepTimeoutMs: 5_000, values: {}, toLocalUrl: (url: string) => url };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
  await page.setContent(`
    <label>Country <select id="country"><option value="fr">France</option><option value="jp">Japan</option></select></label>
    <input id="search">
    <script>
      window.keys = [];
      document.addEventListener('keydown', (e) => {
        if (e.key.length === 1) window.keys.push((e.ctrlKey ? 'Ctrl+' : '') + (e.shiftKey ? 'Shift+' : '') + e.key);
      });
    </script>`);
});

afterAll(async () => {
  await browser?.close();
});

describe('performStep', () => {
  it('chooses the recorded option of a select', async () => {
    await performStep(
      page,
      {
        type: 'input',
        t: 0,
        target: { tagName: 'select', selectors: [{ kind: 'id', value: 'country' }] },
        value: 'jp',
        masked: false,
      },
      ctx,
    );
    expect(await page.locator('#country').inputValue()).toBe('jp');
  });

  it('holds the recorded modifiers for a shortcut, then releases them', async () => {
    const key = (type: 'keydown' | 'keyup', k: string, modifiers = NO_MODIFIERS) =>
      performStep(
        page,
        {
          type,
          t: 0,
          key: k,
          code: `Key${k.toUpperCase()}`,
          modifiers,
          target: { tagName: 'input', selectors: [{ kind: 'id', value: 'search' }] },
        },
        ctx,
      );
    await key('keydown', 'k', { ...NO_MODIFIERS, ctrl: true });
    await key('keyup', 'k', { ...NO_MODIFIERS, ctrl: true });
    await key('keydown', 'x');
    await key('keyup', 'x');
    expect(await page.evaluate(() => (window as unknown as { keys: string[] }).keys)).toEqual([
      'Ctrl+k',
      'x',
    ]);
  });
});
