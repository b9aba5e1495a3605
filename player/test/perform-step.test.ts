// Steps the recorder writes for controls and shortcuts, performed with trusted input in Chromium.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { locateTarget } from '../src/replay/locate-target.js';
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

  it('says what really happened to the selectors it passed over: several matches, hidden, gone', async () => {
    await page.setContent(`
      <button>0</button><button>0</button><button id="fav-2" data-testid="fav">0</button>
      <button id="hidden" style="display:none">x</button>`);
    const found = await locateTarget(
      page,
      {
        selectors: [
          { kind: 'id', value: 'fav-b' },
          { kind: 'role', role: 'button', name: '0' },
          { kind: 'id', value: 'hidden' },
          { kind: 'testid', value: 'fav' },
        ],
      },
      1_000,
    );
    expect(found.healed).toBe(
      'found by [data-testid="fav"]; #fav-b is gone, role button "0" matches 3 elements, #hidden is hidden',
    );
  });

  it('treats the blur of a field the page already removed as done, and says so', async () => {
    await page.setContent('<button>Sign up</button>');
    const how = await performStep(
      page,
      { type: 'blur', t: 0, target: { tagName: 'input', selectors: [{ kind: 'id', value: 'password' }] } },
      ctx,
    );
    expect(how).toEqual({ note: 'the element is gone already: nothing to blur' });
  });
});
