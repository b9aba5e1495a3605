// The dashboard in real Chromium against a running consumer whose issues came through the real ingest
// on all three paths: what a user sees on each page, what the page changes on the server, and how
// each page looks (screenshots checked against committed baselines).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/ensure-chromium.mjs';
import { buildDashboard } from '../../dashboard/build.js';
import type { RunningConsumer } from '../../src/runtime/consumer.js';
import { getJson, startTestConsumer } from '../harness.js';
import { expectScreenshot } from './screenshots.js';
import { PLAYBACK_SESSION, REPLAY_PAY, REPLAY_TRACK, type SeededShop, seedShop, TITLES } from './seed.js';

const VIEWPORT = { width: 1280, height: 800 };

describe('dashboard in Chromium', () => {
  let builtDir: string;
  let browser: Browser;
  let consumer: RunningConsumer;
  let shop: SeededShop;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // The dashboard as `npm run build` makes it, into a folder of this run's own.
    builtDir = mkdtempSync(join(tmpdir(), 'playback-dashboard-'));
    await buildDashboard({ outDir: builtDir });
    process.env.PLAYBACK_DASHBOARD_DIR = builtDir;
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
    consumer = await startTestConsumer();
    shop = await seedShop(consumer);
  });

  afterAll(async () => {
    await browser?.close();
    await consumer?.close();
    delete process.env.PLAYBACK_DASHBOARD_DIR;
    if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
    // The API is closed by default: this browser has signed in once (the page keeps the token).
    const token = consumer.apiToken?.token ?? '';
    await context.addInitScript({
      content: `if (!localStorage.getItem('playback.apiToken')) localStorage.setItem('playback.apiToken', ${JSON.stringify(token)});`,
    });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(async () => {
    await context?.close();
    // The dashboard never throws while it is used.
    expect(pageErrors).toEqual([]);
  });

  const issuesUrl = () => `${consumer.url}/projects/${shop.projectId}/issues`;
  const rows = () => page.getByTestId('issue-row');
  const row = (title: string) => rows().filter({ hasText: title });
  const rowTitles = async () => rows().locator('.issue-title').allInnerTexts();

  async function expectRows(titles: string[]) {
    await expect.poll(rowTitles, { timeout: 10_000 }).toEqual(titles);
  }

  it('opens on the issues, each with its type, events per path, a sparkline and when it was seen', async () => {
    await page.goto(`${consumer.url}/`);
    await page.waitForURL(issuesUrl());
    // Last seen first.
    await expectRows([TITLES.pay, TITLES.coupon, TITLES.search, TITLES.track]);
    await expect.poll(() => page.getByTestId('issues-total').textContent()).toBe('4 issues');

    const pay = row(TITLES.pay);
    expect(await pay.locator('.badge').textContent()).toBe('Dead');
    expect(await pay.getByTestId('issue-count').textContent()).toBe('4');
    expect(await pay.locator('[data-path="exception"]').textContent()).toBe('1');
    expect(await pay.locator('[data-path="endpoint"]').textContent()).toBe('2');
    expect(await pay.locator('[data-path="replay"]').textContent()).toBe('1');
    expect(await pay.locator('.issue-meta').textContent()).toContain('/checkout');
    expect(await pay.locator('svg.sparkline').getAttribute('aria-label')).toBe(
      '4 events in the last 24 hours',
    );
    // One bar per hour that had events: 1, 2, 3 and 5 hours ago.
    expect(await pay.locator('.sparkline-bar').count()).toBe(4);
    expect(await pay.locator('time.when').first().textContent()).toMatch(/ago$/);

    for (const [title, badge, paths] of [
      [TITLES.coupon, 'Error', ['0', '1', '0']],
      [TITLES.search, 'Slow', ['1', '0', '0']],
      [TITLES.track, 'Rage', ['0', '0', '1']],
    ] as const) {
      const r = row(title);
      expect(await r.locator('.badge').textContent()).toBe(badge);
      expect(
        await Promise.all(
          ['exception', 'endpoint', 'replay'].map((p) => r.locator(`[data-path="${p}"]`).textContent()),
        ),
      ).toEqual(paths);
    }
    // The type chips count issues per type.
    expect(await page.getByRole('button', { name: /^Dead/ }).textContent()).toMatch(/Dead\s+1/);
    await expectScreenshot(page, 'issues');
  });

  it('narrows the list by type, path, route and search, and keeps the filters in the address', async () => {
    await page.goto(issuesUrl());
    await expectRows([TITLES.pay, TITLES.coupon, TITLES.search, TITLES.track]);

    await page.getByRole('button', { name: /^Error/ }).click();
    await expectRows([TITLES.coupon]);
    expect(new URL(page.url()).searchParams.get('type')).toBe('error');
    await page.getByRole('button', { name: /^All types/ }).click();
    await expectRows([TITLES.pay, TITLES.coupon, TITLES.search, TITLES.track]);

    await page.getByLabel('Path').selectOption('replay');
    await expectRows([TITLES.pay, TITLES.track]);
    await page.getByLabel('Route').selectOption('/search');
    await expect.poll(() => page.getByTestId('no-matches').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expectRows([TITLES.pay, TITLES.coupon, TITLES.search, TITLES.track]);

    await page.getByLabel('Search issues').fill('coupon');
    await expectRows([TITLES.coupon]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('coupon');
    await page.getByLabel('Search issues').fill(`#${shop.ids.track}`);
    await expectRows([TITLES.track]);
    await page.getByLabel('Search issues').fill('/checkout');
    await expectRows([TITLES.pay]);

    // A filtered address opens filtered.
    await page.goto(`${issuesUrl()}?type=slow&sort=count`);
    await expectRows([TITLES.search]);
    expect(await page.getByLabel('Sort').inputValue()).toBe('count');
  });

  it('shows an issue: the evidence timeline, its occurrences, replay ids and playback sessions to download', async () => {
    await page.goto(issuesUrl());
    await row(TITLES.pay).getByRole('link', { name: TITLES.pay }).click();
    await page.waitForURL(`${consumer.url}/projects/${shop.projectId}/issues/${shop.ids.pay}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLES.pay);

    const timeline = page.getByTestId('evidence-timeline');
    expect(await timeline.locator('.verdict').textContent()).toBe('No visible reaction within 7.0 s.');
    expect(
      await timeline
        .locator('.timeline-item')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))),
    ).toEqual(['click', 'timeout']);
    expect(await timeline.locator('.timeline-item').allInnerTexts()).toEqual([
      expect.stringMatching(/\+0 ms\s+Click\s+at \(10, 20\) on button#pay/),
      expect.stringMatching(/\+7\.0 s\s+No reaction: timed out after 7\.0 s/),
    ]);

    // Every occurrence, newest first, with the path it came by.
    const occurrences = page.getByTestId('occurrences').locator('tbody tr');
    await expect.poll(() => occurrences.count()).toBe(4);
    expect(await occurrences.locator('.path-label').allInnerTexts()).toEqual([
      'Endpoint',
      'Exception',
      'Endpoint',
      'Replay',
    ]);
    expect(await page.getByTestId('replay-id').allInnerTexts()).toEqual([REPLAY_PAY]);
    expect(await page.getByTestId('target-details').textContent()).toContain('button#pay');

    // The recorded session: a command to replay it, and the file.
    const session = page.getByTestId('playback-session');
    await expect.poll(() => session.count()).toBe(1);
    expect(await session.getByTestId('replay-command').locator('code').textContent()).toBe(
      `npx playback replay ${PLAYBACK_SESSION}.playback.json --url http://localhost:5173`,
    );
    await page.getByLabel('Your app URL').fill('http://localhost:3000');
    expect(await session.getByTestId('replay-command').locator('code').textContent()).toBe(
      `npx playback replay ${PLAYBACK_SESSION}.playback.json --url http://localhost:3000`,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      // With the API token the page fetches the file itself (a plain link could not send the token).
      session.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${PLAYBACK_SESSION}.playback.json`);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(file).toMatchObject({ format: 'playback', version: 1, meta: { id: PLAYBACK_SESSION } });
    await page.getByLabel('Your app URL').fill('http://localhost:5173');
    await expectScreenshot(page, 'issue-dead');
  });

  it('shows an error click with the error in its timeline and its stack', async () => {
    await page.goto(`${consumer.url}/projects/${shop.projectId}/issues/${shop.ids.coupon}`);
    const timeline = page.getByTestId('evidence-timeline');
    await expect
      .poll(() => timeline.locator('.verdict').textContent())
      .toBe("TypeError: Cannot read properties of undefined (reading 'code') — 120 ms after the click.");
    expect(await timeline.locator('.timeline-item').allInnerTexts()).toEqual([
      expect.stringMatching(/\+0 ms\s+Click\s+at \(412, 318\) on #apply-coupon/),
      expect.stringMatching(/\+40 ms\s+Focus moved\s+#coupon-code/),
      expect.stringMatching(/\+120 ms\s+Uncaught TypeError\s+Cannot read properties of undefined/),
    ]);
    await timeline.getByText('Stack trace').click();
    expect(await timeline.locator('.stack pre').textContent()).toContain('at applyCoupon (cart.js:42:17)');
    expect(await page.getByTestId('replay-ids').textContent()).toContain('No Sentry replay is linked');
    expect(await page.getByTestId('no-playback-sessions').isVisible()).toBe(true);

    // A rage click lists each click.
    await page.goto(`${consumer.url}/projects/${shop.projectId}/issues/${shop.ids.track}`);
    await expect
      .poll(() => page.getByTestId('evidence-timeline').locator('.verdict').textContent())
      .toBe('Clicked 4 times while waiting for a reaction (7.0 s).');
    expect(await page.getByTestId('replay-id').allInnerTexts()).toEqual([REPLAY_TRACK]);
  });

  it('compares the three paths with what the store holds', async () => {
    await page.goto(`${consumer.url}/projects/${shop.projectId}/compare`);
    const table = page.getByTestId('compare-table');
    const cells = async (metric: string) =>
      Promise.all(
        ['exception', 'endpoint', 'replay'].map((p) =>
          table.locator(`tr[data-metric="${metric}"] td[data-path="${p}"] .metric-value`).textContent(),
        ),
      );
    await expect.poll(() => cells('Occurrences')).toEqual(['2', '3', '2']);
    expect(await cells('Issues')).toEqual(['2', '2', '2']);
    expect(await cells('Sessions with issues')).toEqual(['2', '3', '2']);
    expect(await cells('Dead clicks')).toEqual(['1', '2', '1']);
    expect(await cells('Error clicks')).toEqual(['0', '1', '0']);
    expect(await cells('Duplicates')).toEqual(['0 (0%)', '0 (0%)', '0 (0%)']);
    // The seeded clicks happened hours before they were stored.
    for (const latency of await cells('Click → stored, p50')) expect(latency).toMatch(/\d+ h( \d+ min)?$/);
    expect(await cells('Sampling rate')).toEqual(['100%', '100%', '100%']);
    await expectScreenshot(page, 'compare');
  });

  it('edits sampling rates, and the consumer answers with the new config', async () => {
    await page.goto(`${consumer.url}/projects/${shop.projectId}/sampling`);
    const deadOnReplay = page.getByLabel('Rate for dead on replay (%)');
    await deadOnReplay.fill('10');
    await page.getByRole('button', { name: 'Save rates' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved');
    expect(await getJson(consumer, `/api/${shop.projectId}/sampling`)).toEqual({
      rate: 1,
      rules: [{ type: 'dead', path: 'replay', rate: 0.1 }],
    });

    // Inherited cells show the rate that applies to them.
    await page.getByLabel('Project rate (%)').fill('50');
    expect(await page.getByLabel('Rate for slow on endpoint (%)').getAttribute('placeholder')).toBe('50');
    await page.getByLabel('Rate for error on any path (%)').fill('100');
    await page.getByRole('button', { name: 'Save rates' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved');
    expect(await getJson(consumer, `/api/${shop.projectId}/sampling`)).toEqual({
      rate: 0.5,
      rules: [
        { type: 'dead', path: 'replay', rate: 0.1 },
        { type: 'error', rate: 1 },
      ],
    });

    // Out of range: refused in the page, nothing sent.
    await deadOnReplay.fill('150');
    await page.getByRole('button', { name: 'Save rates' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('percentage from 0 to 100');
    expect(await deadOnReplay.getAttribute('aria-invalid')).toBe('true');
    expect(await getJson(consumer, `/api/${shop.projectId}/sampling`)).toMatchObject({ rate: 0.5 });
    await deadOnReplay.fill('10');

    // The compare page reads the rates the consumer now applies.
    await page.reload();
    await expect.poll(() => deadOnReplay.inputValue()).toBe('10');
    await expectScreenshot(page, 'sampling');
  });
});

describe('dashboard first run in Chromium', () => {
  let builtDir: string;
  let browser: Browser;

  beforeAll(async () => {
    builtDir = mkdtempSync(join(tmpdir(), 'playback-dashboard-'));
    await buildDashboard({ outDir: builtDir });
    process.env.PLAYBACK_DASHBOARD_DIR = builtDir;
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    delete process.env.PLAYBACK_DASHBOARD_DIR;
    if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  });

  it('welcomes a new user: create a project, then see its DSN and how to send issues', async () => {
    const consumer = await startTestConsumer();
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    try {
      const page = await context.newPage();
      // The address `playback serve` prints signs the browser in.
      await page.goto(`${consumer.url}/?token=${consumer.apiToken!.token}`);
      const welcome = page.getByTestId('no-projects');
      await expect.poll(() => welcome.locator('h2').textContent()).toBe('Welcome to Playback');
      expect(await welcome.textContent()).toContain('npx playback projects create shop');
      await expectScreenshot(page, 'welcome');

      await page.getByRole('button', { name: 'Create project' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('Give the project a name');
      await page.getByLabel('Project name').fill('web');
      await page.getByRole('button', { name: 'Create project' }).click();
      const empty = page.getByTestId('no-issues');
      await expect.poll(() => empty.locator('h2').textContent()).toBe('No click issues yet');
      const [project] = await getJson<Array<{ id: number; name: string; dsns: string[] }>>(
        consumer,
        '/api/projects',
      );
      expect(project).toMatchObject({ name: 'web' });
      expect(page.url()).toBe(`${consumer.url}/projects/${project!.id}/issues`);
      expect(await page.getByTestId('project-dsn').locator('code').textContent()).toBe(project!.dsns[0]);
      expect(await empty.textContent()).toContain(`dsn: '${project!.dsns[0]}'`);
    } finally {
      await context.close();
      await consumer.close();
    }
  });

  it('asks for the API token when the consumer requires one, and keeps it', async () => {
    const consumer = await startTestConsumer({ apiToken: 'token-for-the-test' });
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    try {
      const { project } = await consumer.createProject('guarded');
      const page = await context.newPage();
      await page.goto(`${consumer.url}/`);
      const prompt = page.getByTestId('token-prompt');
      await expect.poll(() => prompt.isVisible()).toBe(true);

      await page.getByLabel('API token').fill('wrong');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => prompt.textContent()).toContain('was refused');

      await page.getByLabel('API token').fill('token-for-the-test');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => page.getByTestId('no-issues').isVisible()).toBe(true);
      expect(page.url()).toBe(`${consumer.url}/projects/${project.id}/issues`);

      // Kept for the next visit.
      await page.reload();
      await expect.poll(() => page.getByTestId('no-issues').isVisible()).toBe(true);
    } finally {
      await context.close();
      await consumer.close();
    }
  });
});
