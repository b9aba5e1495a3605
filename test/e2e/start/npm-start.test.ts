import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, start } from '../../../scripts/start.mjs';
import { launchChromium } from '../../support/chromium.js';
import { backgroundSeen, clickAt, issuesOn, waitUntil } from '../../support/demo.js';

// What `npm start` does, minus the build (the test run built everything already):
// the consumer on its embedded defaults, a demo project, the demo app reporting to it.
let browser: Browser;
let dataDir: string;
let started: Started;

interface IssueSummary {
  type: string;
  title: string;
  culprit: string;
  count: number;
  countByPath: Record<string, number>;
}

async function issues(): Promise<IssueSummary[]> {
  const res = await fetch(`${started.url}/api/${started.projectId}/issues`, {
    headers: { authorization: `Bearer ${started.consumer.apiToken?.token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { issues: IssueSummary[] }).issues;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'playback-start-'));
  started = await start({ port: 0, demoPort: 0, dataDir, skipBuild: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await started?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the demo app wired to the demo project, and its dead click reaches the issues API', async () => {
    const page = await browser.newPage();
    // A shorter dead timeout than the default 7 s keeps the test short; the wiring is what is tested.
    await page.goto(`${started.demoUrl}?dead=1500&slow=500`);
    await page.waitForFunction(() => window.__playback?.ready === true);
    const dashboardLink = await page.getByTestId('dashboard-hint').locator('a').getAttribute('href');
    // The API is closed by default: the demo's dashboard link signs the developer in.
    expect(dashboardLink).toBe(`${started.url}/?token=${started.consumer.apiToken?.token}`);
    await backgroundSeen(page);

    await clickAt(page, 'dead-button');
    const reported = await waitUntil(
      () => issuesOn(page),
      (list) => list.some((i) => i.type === 'dead'),
    );
    expect(reported.map((i) => i.type)).toContain('dead');

    const stored = await waitUntil(issues, (list) => list.some((i) => i.type === 'dead'));
    const dead = stored.find((i) => i.type === 'dead');
    expect(dead).toMatchObject({ title: 'Dead click on button "Pay now"', culprit: '/' });
    expect(dead!.count).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('prints a DSN that ingest accepts, and keeps the demo project across restarts', async () => {
    const { dsn, projectId } = started;
    const key = new URL(dsn).username;
    const ok = await fetch(`${started.url}/api/${projectId}/issues/?sentry_key=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ issues: [] }),
    });
    expect(ok.status).toBe(200);

    await started.close();
    started = await start({ port: 0, demoPort: 0, dataDir, skipBuild: true });
    expect(started.projectId).toBe(projectId);
    expect(new URL(started.dsn).username).toBe(key);
    expect((await issues()).some((i) => i.type === 'dead')).toBe(true);
  });
});
