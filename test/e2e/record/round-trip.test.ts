// The recorder end to end in Chromium: a scripted checkout with typing, IME
// composition (through CDP), paste, scroll, navigation, fetch, XHR and a
// beacon; exported by download and by upload; read back with the schema; and
// replayed by the player against the same app with the network answered from
// the file.
import { readFile } from 'node:fs/promises';
import { type PlaybackFile, parsePlaybackFile, type Step } from '@playback/detector';
import { replay } from '@playback/player';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutConfigScript, openCheckout } from '../../support/checkout.js';
import { CheckoutServer } from '../../support/checkout-server.js';
import { launchChromium } from '../../support/chromium.js';

const EMAIL = 'jane.doe@example.com';
const CARD = '4242 4242 4242 4242';
const NAME = 'Jane Doe';
const PASSWORD = 'hunter2-secret';
const COUPON = `SPRING-${EMAIL}`;
const IME_READING = 'にほん';
const IME_TEXT = '日本';
/** What every password is recorded as (sdk/README.md): it says nothing about the password. */
const PASSWORD_STAND_IN = 'Playback-Pa55word!';

let browser: Browser;
let server: CheckoutServer;
let downloaded: PlaybackFile;
let downloadedText: string;
let uploaded: unknown;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The user's session: every kind of input the recorder knows, the way a person makes it. */
async function scriptedCheckout(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  // Scroll the product list with the wheel, and the window.
  const list = (await page.getByTestId('products').boundingBox())!;
  await page.mouse.move(list.x + 50, list.y + 50);
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(200);

  await page.getByTestId('email').click();
  await page.keyboard.type(EMAIL, { delay: 15 });
  await page.keyboard.press('Tab');
  await page.keyboard.type(CARD, { delay: 15 });
  await page.getByTestId('name').click();
  await page.keyboard.type(NAME, { delay: 15 });
  await page.getByTestId('password').click();
  await page.keyboard.type(PASSWORD, { delay: 15 });

  // IME: a composition in progress, then committed, as an input method editor does it.
  await page.getByTestId('notes').click();
  await cdp.send('Input.imeSetComposition', { text: IME_READING, selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.imeSetComposition', { text: IME_TEXT, selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: IME_TEXT });

  // Paste from the clipboard into the coupon field.
  await page.evaluate((text) => navigator.clipboard.writeText(text), COUPON);
  await page.getByTestId('coupon').click();
  await page.keyboard.press('Control+V');
  await page.getByTestId('apply-coupon').click();
  await page.getByTestId('coupon-result').filter({ hasText: 'applied' }).waitFor();

  await page.mouse.wheel(0, 250);
  await page.waitForTimeout(200);
  await page.getByTestId('pay').click();
  await page.getByTestId('order').filter({ hasText: 'Order' }).waitFor();
  // The beacon goes right after the review page shows.
  await page.waitForTimeout(300);
}

beforeAll(async () => {
  server = new CheckoutServer();
  await server.start();
  browser = await launchChromium();
  const { context, page } = await openCheckout(browser, server, {});
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await scriptedCheckout(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(() => window.__checkout.recorder!.download()),
  ]);
  downloadedText = await readFile((await download.path())!, 'utf8');
  downloaded = parsePlaybackFile(JSON.parse(downloadedText));
  expect(await page.evaluate(() => window.__checkout.recorder!.upload())).toBe(true);
  uploaded = server.uploads.at(-1)?.json;
  expect(await page.evaluate(() => window.__checkout.recorder!.stats().failuresBy)).toEqual({});
  await context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const stepsOf = <T extends Step['type']>(type: T) =>
  downloaded.steps.filter((s): s is Extract<Step, { type: T }> => s.type === type);
const exchange = (method: string, path: string) =>
  downloaded.network.find((n) => n.method === method && new URL(n.url).pathname === path);
const inputValue = (testId: string) =>
  stepsOf('input')
    .filter((s) => s.target.selectors.some((sel) => sel.kind === 'testid' && sel.value === testId))
    .at(-1);

describe('recording a checkout in Chromium', () => {
  it('exports a file the schema accepts, by download and by upload (gzip), the same session both ways', () => {
    expect(downloaded.meta.sources).toEqual([
      { kind: 'playback', name: expect.stringContaining('recorder') },
    ]);
    const upload = server.uploads.at(-1)!;
    expect(upload.projectId).toBe('42');
    expect(upload.query.get('sentry_key')).toBe('checkoutpublickey');
    expect(upload.headers['content-encoding']).toBe('gzip');
    const file = parsePlaybackFile(uploaded);
    expect(file.meta.id).toBe(downloaded.meta.id);
    expect(file.steps.length).toBeGreaterThanOrEqual(downloaded.steps.length);
  });

  it('records the steps a person took: clicks, keys, typing, IME, paste, scroll, navigation', () => {
    const types = new Set(downloaded.steps.map((s) => s.type));
    for (const type of [
      'navigate',
      'click',
      'keydown',
      'keyup',
      'input',
      'composition',
      'paste',
      'scroll',
      'focus',
      'blur',
    ])
      expect(types).toContain(type);
    expect(stepsOf('keydown').map((s) => s.key)).toContain('Tab');
    expect(stepsOf('composition').map((s) => s.phase)).toEqual(expect.arrayContaining(['start', 'end']));
    const scrolls = stepsOf('scroll');
    expect(
      scrolls.some((s) =>
        s.target?.selectors.some((sel) => sel.kind === 'testid' && sel.value === 'products'),
      ),
    ).toBe(true);
    expect(scrolls.some((s) => !s.target && s.y > 0)).toBe(true);
    expect(stepsOf('navigate').map((s) => new URL(s.url).pathname)).toEqual(['/', '/review']);
    const pay = stepsOf('click').find((s) =>
      s.target.selectors.some((sel) => sel.kind === 'testid' && sel.value === 'pay'),
    )!;
    expect(pay.target.selectors.map((sel) => sel.kind)).toEqual(['testid', 'id', 'role', 'text', 'css']);
    expect(pay.target.selectors).toContainEqual({ kind: 'role', role: 'button', name: 'Pay now' });
    expect(pay.offset!.x).toBeGreaterThan(0);
    // Steps are in time order.
    const times = downloaded.steps.map((s) => s.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('records fetch, XHR and the beacon with bodies, each tied to the step that caused it', () => {
    const products = exchange('GET', '/api/products')!;
    expect(products).toMatchObject({ initiator: 'fetch', stepIndex: 0, response: { status: 200 } });
    expect(JSON.parse(products.response!.body!.data)).toHaveLength(40);
    const coupon = exchange('POST', '/api/coupon')!;
    expect(coupon.initiator).toBe('xhr');
    expect(downloaded.steps[coupon.stepIndex!]).toMatchObject({
      type: 'click',
      target: { selectors: expect.arrayContaining([{ kind: 'testid', value: 'apply-coupon' }]) },
    });
    const checkout = exchange('POST', '/api/checkout')!;
    expect(checkout).toMatchObject({ initiator: 'fetch', response: { status: 201 } });
    expect(downloaded.steps[checkout.stepIndex!]).toMatchObject({ type: 'click' });
    expect(checkout.request.headers).toEqual({ 'content-type': 'application/json', 'x-tenant': 'shop' });
    expect(checkout.requestId).toMatch(/^req-/);
    const beacon = exchange('POST', '/api/events')!;
    expect(beacon).toMatchObject({ initiator: 'beacon', response: null });
    expect(downloaded.console.map((c) => c.level)).toContain('info');
  });

  it('masks with stand-ins that keep their shape and are the same in every input and body', () => {
    const email = inputValue('email')!;
    expect(email.masked).toBe(true);
    expect(email.value).not.toBe(EMAIL);
    expect(email.value).toMatch(/^[a-z]{4}\.[a-z]{3}@[a-z]{7}\.[a-z]{3}$/);
    const card = inputValue('card')!;
    expect(card.value).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(luhnValid(card.value.replace(/\D/g, ''))).toBe(true);

    const sent = JSON.parse(exchange('POST', '/api/checkout')!.request.body!.data);
    expect(sent.email).toBe(email.value);
    expect(sent.card).toBe(card.value);
    expect(JSON.parse(exchange('POST', '/api/checkout')!.response!.body!.data).email).toBe(email.value);
    expect(JSON.parse(exchange('POST', '/api/coupon')!.request.body!.data).email).toBe(email.value);
    expect(JSON.parse(exchange('POST', '/api/events')!.request.body!.data).email).toBe(email.value);
    expect(exchange('POST', '/api/checkout')!.request.body!.masked).toBe(true);
    const paste = stepsOf('paste')[0]!;
    expect(paste.text).toBe(inputValue('coupon')!.value);
    expect(paste.text).toHaveLength(COUPON.length);
    expect(downloaded.console.find((c) => c.level === 'info')!.message).toBe(`paying for ${email.value}`);
    // Opted in with data-playback-unmask: recorded as typed.
    expect(inputValue('name')).toMatchObject({ value: NAME, masked: false });
    expect(sent.name).toBe(NAME);
  });

  it('never records the originals of masked values, nor any password', () => {
    for (const text of [downloadedText, JSON.stringify(uploaded)]) {
      for (const original of [
        EMAIL,
        CARD,
        PASSWORD,
        COUPON,
        'jane.doe',
        IME_READING,
        IME_TEXT,
        '4242 4242',
      ]) {
        expect(text).not.toContain(original);
      }
    }
    expect(inputValue('password')).toMatchObject({ value: PASSWORD_STAND_IN, masked: true });
    expect(JSON.parse(exchange('POST', '/api/checkout')!.request.body!.data).password).toBe(
      PASSWORD_STAND_IN,
    );
    const notes = inputValue('notes')!;
    expect([...notes.value]).toHaveLength(IME_TEXT.length);
    expect(notes.value).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('keeps no Authorization, Cookie or Set-Cookie header, and no HttpOnly cookie', () => {
    for (const n of downloaded.network) {
      const names = [...Object.keys(n.request.headers), ...Object.keys(n.response?.headers ?? {})];
      for (const secret of ['authorization', 'cookie', 'set-cookie']) expect(names).not.toContain(secret);
    }
    expect(downloadedText).not.toMatch(/pay-secret|coupon-secret|server-secret/);
    const cookies = downloaded.environment.storage.cookies;
    expect(cookies.map((c) => c.name)).toEqual(['theme']);
    expect(cookies[0]!.value).not.toBe('dark');
    expect(cookies[0]!.value).toMatch(/^[a-z]{4}$/);
  });

  it('records the values of randomness the page drew, so the replay can hand them back', () => {
    const uuids = downloaded.environment.determinism!.randomUUID;
    expect(uuids).toContain(JSON.parse(exchange('POST', '/api/checkout')!.request.body!.data).idempotencyKey);
  });
});

describe('replaying the recorded file with the player', () => {
  it('runs every step against the same app, the API answered from the file, to the same order page', async () => {
    let orderText = '';
    const report = await replay(downloaded, {
      url: server.origin,
      net: 'strict',
      speed: 'max',
      headless: true,
      initScripts: [checkoutConfigScript({ record: false })],
      onStep: async ({ phase, index, page }) => {
        if (phase === 'after' && index === downloaded.steps.length - 1) {
          orderText = (await page.getByTestId('order').textContent()) ?? '';
        }
      },
    });
    const failed = report.steps
      .filter((s) => s.status !== 'ok')
      .map((s) => `${s.index} ${s.type}: ${s.error}`);
    expect(failed).toEqual([]);
    expect(report.unmatchedRequests).toEqual([]);
    expect(report.completed).toBe(true);
    // The server only saw the recording session's requests: the replay's were answered from the file.
    expect(server.apiRequests.filter((r) => r.path === '/api/checkout')).toHaveLength(1);
    const email = inputValue('email')!.value;
    expect(orderText).toBe(`Order ord-1 for ${email}`);
  });
});
