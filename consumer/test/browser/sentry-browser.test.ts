// The real @sentry/browser in real Chromium, sending to a running consumer by all three paths:
// an event with a click_issue context, a Replay recording carrying a ui.clickIssue breadcrumb,
// and the SDK's endpoint batch. Cross-origin, so CORS is exercised as browsers do it.
import type { ClickIssue } from '@playback/detector';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from '../../../scripts/ensure-chromium.mjs';
import type { IssueDetail, IssueSummary } from '../../src/store/issues.js';
import { testDatabases } from '../databases.js';
import { clickIssue } from '../fixtures.js';
import { getJson, startTestConsumer } from '../harness.js';
import { bundleSentryBrowser, type PageServer, servePage } from './sentry-page.js';

/** The few page globals the test touches (the package compiles without the DOM lib). */
interface ReplayOnPage {
  flush(): Promise<void>;
  getReplayId(): string;
  _replay: { addUpdate(cb: () => boolean): void; throttledAddEvent(event: unknown): unknown };
}
interface PageGlobals {
  Sentry: {
    init(options: Record<string, unknown>): void;
    replayIntegration(options: Record<string, unknown>): unknown;
    captureException(error: Error, hint: Record<string, unknown>): string;
    addBreadcrumb(breadcrumb: Record<string, unknown>): void;
    getReplay(): ReplayOnPage;
  };
  document: { getElementById(id: string): { click(): void } | null };
}

/** Polls until `check` returns a value; no timing is asserted, only that it happens. */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  limitMs = 60_000,
): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('real @sentry/browser in Chromium', () => {
  let browser: Browser;
  let page: PageServer;

  beforeAll(async () => {
    const [bundle] = await Promise.all([bundleSentryBrowser()]);
    page = await servePage(bundle);
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await page?.close();
  });

  for (const database of testDatabases()) {
    it(`reaches a running consumer on ${database.name} by the exception, replay and endpoint paths`, async () => {
      const { dataDir, databaseUrl, schema } = database.options();
      const consumer = await startTestConsumer({
        ...(dataDir ? { dataDir } : {}),
        ...(databaseUrl ? { databaseUrl } : {}),
        ...(schema ? { databaseSchema: schema } : {}),
      });
      const context = await browser.newContext();
      try {
        const { project, dsn, publicKey } = await consumer.createProject('shop');
        const tab = await context.newPage();
        await tab.goto(page.url);
        // Replay drops events older than its session, so these happened just now.
        const now = Date.now();
        const base = {
          route: '/',
          timestamp: now,
          target: {
            tagName: 'button',
            selector: '#pay',
            id: 'pay',
            text: 'Pay now',
            actionable: true,
            ignored: false,
          },
        };
        const exception = clickIssue({ ...base, sessionId: 'browser-session', via: 'exception' });
        const replayed = clickIssue({
          ...base,
          type: 'slow',
          sessionId: 'browser-session',
          via: 'replay',
          endReason: 'mutation',
        });
        // The public-API route of the replay path: Sentry.addBreadcrumb, which Replay copies into the recording.
        const viaPublicApi = clickIssue({
          ...base,
          type: 'error',
          sessionId: 'browser-session',
          via: 'replay',
          endReason: 'error',
          error: { t: now, type: 'TypeError', message: 'total is undefined' },
        });
        const endpoint = clickIssue({
          ...base,
          type: 'rage',
          clickCount: 3,
          sessionId: 'browser-session',
          via: 'endpoint',
        });

        const replayId = await tab.evaluate(
          async ({
            dsn,
            exception,
            replayed,
            viaPublicApi,
          }: {
            dsn: string;
            exception: ClickIssue;
            replayed: ClickIssue;
            viaPublicApi: ClickIssue;
          }) => {
            const page = globalThis as unknown as PageGlobals;
            const Sentry = page.Sentry;
            Sentry.init({
              dsn,
              integrations: [Sentry.replayIntegration({ maskAllText: false, minReplayDuration: 0 })],
              replaysSessionSampleRate: 1,
              replaysOnErrorSampleRate: 1,
            });
            // Default normalizeDepth (3) would flatten the evidence; Sentry honours this symbol per object,
            // as the SDK's exception reporter sets it.
            const context = { ...exception };
            Object.defineProperty(context, Symbol.for('sentry.overrideNormalizationDepth'), { value: 6 });
            Sentry.captureException(new Error(`Dead click on ${exception.target.selector}`), {
              contexts: { click_issue: context },
              tags: { 'click_issue.type': exception.type, 'click_issue.via': 'exception' },
              fingerprint: ['click-issue', exception.fingerprint],
            });
            const replay = Sentry.getReplay();
            // Replay drops public `ui.*` breadcrumbs, so the frame goes in as Replay adds its own
            // click frames (what the SDK's replay reporter does).
            const now = Date.now();
            replay._replay.addUpdate(() => {
              replay._replay.throttledAddEvent({
                type: 5,
                timestamp: now,
                data: {
                  tag: 'breadcrumb',
                  payload: {
                    timestamp: now / 1000,
                    type: 'default',
                    category: 'ui.clickIssue',
                    data: replayed,
                  },
                },
              });
              return false;
            });
            Sentry.addBreadcrumb({
              type: 'default',
              category: 'playback.clickIssue',
              level: 'warning',
              message: 'Error click on button "Pay now"',
              data: viaPublicApi,
            });
            page.document.getElementById('pay')?.click();
            await new Promise((r) => setTimeout(r, 200));
            await replay.flush();
            return replay.getReplayId();
          },
          { dsn, exception, replayed, viaPublicApi },
        );
        expect(replayId).toMatch(/^[0-9a-f]{32}$/);

        // The SDK's endpoint path: a plain cross-origin fetch, text/plain so no preflight is needed.
        const status = await tab.evaluate(
          async ({ url, issue }: { url: string; issue: ClickIssue }) => {
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'text/plain' },
              body: JSON.stringify({
                issues: [issue],
                sdk: { name: 'playback', version: '0' },
                sentAt: Date.now(),
              }),
            });
            return res.status;
          },
          { url: `${consumer.url}/api/${project.id}/issues/?sentry_key=${publicKey}`, issue: endpoint },
        );
        expect(status).toBe(200);

        const issues = await eventually(async () => {
          const list = await getJson<{ issues: IssueSummary[] }>(
            consumer,
            `/api/${project.id}/issues?sort=count`,
          );
          const types = new Set(list.issues.map((i) => i.type));
          return (['dead', 'slow', 'rage', 'error'] as const).every((t) => types.has(t))
            ? list.issues
            : undefined;
        }, 'issues by all three paths and both replay routes');
        expect(issues.map((i) => i.title).sort()).toEqual([
          'Dead click on button "Pay now"',
          'Error click on button "Pay now"',
          'Rage click on button "Pay now"',
          'Slow click on button "Pay now"',
        ]);
        const slow = issues.find((i) => i.type === 'slow')!;
        const detail = await getJson<IssueDetail>(consumer, `/api/${project.id}/issues/${slow.id}`);
        expect(detail.occurrences[0]).toMatchObject({ id: replayed.id, path: 'replay', replayId });
        const error = issues.find((i) => i.type === 'error')!;
        const errorDetail = await getJson<IssueDetail>(consumer, `/api/${project.id}/issues/${error.id}`);
        expect(errorDetail.occurrences[0]).toMatchObject({ id: viaPublicApi.id, path: 'replay', replayId });
        const dead = issues.find((i) => i.type === 'dead')!;
        const deadDetail = await getJson<IssueDetail>(consumer, `/api/${project.id}/issues/${dead.id}`);
        // The error event carries the replay's id in contexts.replay: the issue links to the replay.
        const fromException = deadDetail.occurrences.find((o) => o.id === exception.id);
        expect(fromException).toMatchObject({ path: 'exception', replayId });
        expect(deadDetail.replayIds).toContain(replayId);
        expect(fromException!.evidence).toEqual(exception.evidence);

        const stats = await getJson<{ paths: Record<string, { sessions: number; bytesReceived: number }> }>(
          consumer,
          `/api/${project.id}/stats`,
        );
        expect(stats.paths.replay!.sessions).toBe(1);
        expect(stats.paths.replay!.bytesReceived).toBeGreaterThan(0);
      } finally {
        await context.close();
        await consumer.close();
        await database.cleanup();
      }
    }, 120_000);
  }
});
