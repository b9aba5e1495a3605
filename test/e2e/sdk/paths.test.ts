import { ClickIssueSchema } from '@playback/detector';
import type { Browser } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { shareBrowserAndServer } from '../../support/browser-and-server.js';
import { clickAt, issuesOn, openDemo, waitUntil } from '../../support/demo.js';
import { demoServer } from '../../support/paths.js';
import type { SentryTestServer } from '../../support/sentry-server.js';

// The rules are not under test here: short timeouts keep the file fast.
const FAST = { dead: 1000, slow: 400, slowFetchMs: 600 } as const;

let browser: Browser;
let server: SentryTestServer;

shareBrowserAndServer(
  () => demoServer().start(),
  (started) => ({ browser, server } = started),
);

beforeEach(() => server.reset());

/** Exception events raised by the exception path (not the page's own errors). */
function clickIssueEvents() {
  return server.events().filter((e) => e.contexts?.click_issue);
}

/** Breadcrumbs of `category` found in decompressed replay_recording segments. */
function replayClickIssues(category = 'ui.clickIssue') {
  return server
    .recordingEvents()
    .filter((e) => e.type === 5 && e.data?.tag === 'breadcrumb' && e.data.payload?.category === category)
    .map((e) => e.data!.payload!);
}

describe('exception path', () => {
  it('sends a DeadClick warning through Sentry, grouped by the issue fingerprint, with the ClickIssue as context', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', { report: 'exception', ...FAST });
    await clickAt(page, 'dead-button');
    const events = await waitUntil(clickIssueEvents, (list) => list.length > 0);
    await context.close();
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.level).toBe('warning');
    expect(event.exception.values[0]!.type).toBe('DeadClick');
    expect(event.exception.values[0]!.value).toBe('Dead click on button "Pay now"');
    const issue = ClickIssueSchema.parse(event.contexts?.click_issue);
    expect(event.fingerprint).toEqual(['click-issue', issue.fingerprint]);
    expect(event.tags).toMatchObject({ 'click_issue.type': 'dead', 'click_issue.via': 'exception' });
    expect(issue).toMatchObject({ type: 'dead', via: 'exception', target: { testId: 'dead-button' } });
    // The whole issue survives Sentry's normalization, evidence items included.
    // (Changes discounted while it waited, the demo's clock and carousel, are named between them.)
    expect(issue.evidence.map((e) => e.type).filter((type) => type !== 'signal')).toEqual([
      'click',
      'timeout',
    ]);
    expect(issue.evidence.every((e) => e.type !== 'signal' || e.verdict === 'discounted')).toBe(true);
    expect(server.issueRequests).toHaveLength(0);
  });

  it('reports an ErrorClick beside the TypeError Sentry itself captures', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', { report: 'exception', ...FAST });
    await clickAt(page, 'error-button');
    await waitUntil(clickIssueEvents, (list) => list.length > 0);
    await context.close();
    const [clickIssue] = clickIssueEvents();
    expect(clickIssue!.exception.values[0]!.type).toBe('ErrorClick');
    const issue = ClickIssueSchema.parse(clickIssue!.contexts?.click_issue);
    expect(issue.error).toMatchObject({
      type: 'TypeError',
      message: expect.stringContaining('reading "total"'),
    });
    const pageErrors = server.events().filter((e) => !e.contexts?.click_issue);
    expect(pageErrors.map((e) => e.exception.values[0]!.type)).toContain('TypeError');
  });
});

describe('endpoint path', () => {
  it('POSTs a JSON batch to {DSN origin}/api/{project}/issues/ with the public key in the query', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', { report: 'endpoint', ...FAST });
    await clickAt(page, 'dead-button');
    await page.waitForTimeout(300);
    await clickAt(page, 'error-button');
    const issues = await waitUntil(
      () => server.endpointIssues(),
      (list) => list.length >= 2,
    );
    await context.close();
    expect(issues.map((i) => i.type).sort()).toEqual(['dead', 'error']);
    const request = server.issueRequests[0]!;
    expect(request.projectId).toBe('1');
    expect(request.query.get('sentry_key')).toBe('public');
    expect(request.contentType).toMatch(/^text\/plain/);
    expect(request.body.sdk).toEqual({ name: 'playback.javascript.browser', version: '0.1.0' });
    expect(typeof request.body.sentAt).toBe('number');
    for (const issue of issues) expect(ClickIssueSchema.parse(issue).via).toBe('endpoint');
    expect(clickIssueEvents()).toHaveLength(0);
  });

  it('retries after a 503 with Retry-After, and the issue arrives once', async () => {
    server.issuesResponses.push({ status: 503, headers: { 'retry-after': '1' } });
    const { context, page } = await openDemo(browser, server, 'index.html', { report: 'endpoint', ...FAST });
    await clickAt(page, 'dead-button');
    await waitUntil(
      () => server.issueRequests,
      (list) => list.length >= 2,
    );
    const stats = await waitUntil(
      () => page.evaluate(() => window.__playback.stats()),
      (s) => s.sent.endpoint === 1,
    );
    await context.close();
    expect(server.issueRequests).toHaveLength(2);
    expect(server.issueRequests[1]!.body.issues[0]!.id).toBe(server.issueRequests[0]!.body.issues[0]!.id);
    expect(stats.retries).toBe(1);
    expect(stats.sent.endpoint).toBe(1);
  });

  it('sends what is queued by sendBeacon when the page goes away', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', {
      report: 'endpoint',
      ...FAST,
      batchDelayMs: 60_000,
    });
    await clickAt(page, 'dead-button');
    await waitUntil(
      () => issuesOn(page),
      (list) => list.length > 0,
    );
    expect(server.issueRequests).toHaveLength(0);
    await page.goto('about:blank');
    const issues = await waitUntil(
      () => server.endpointIssues(),
      (list) => list.length > 0,
    );
    await context.close();
    expect(issues.map((i) => i.type)).toEqual(['dead']);
  });

  it('works from the script-tag build on a page without a bundler', async () => {
    const { context, page } = await openDemo(browser, server, 'plain.html', { report: 'endpoint', ...FAST });
    expect(
      await page.evaluate(() => Object.keys((window as unknown as { Playback: object }).Playback).sort()),
    ).toEqual(expect.arrayContaining(['clickIssuesIntegration', 'createClickIssues', 'getClickIssuesStats']));
    await clickAt(page, 'dead-card');
    const issues = await waitUntil(
      () => server.endpointIssues(),
      (list) => list.length > 0,
    );
    await context.close();
    expect(issues).toMatchObject([{ type: 'dead', via: 'endpoint', target: { testId: 'dead-card' } }]);
  });
});

describe('replay path', () => {
  it('puts a ui.clickIssue breadcrumb into the replay_recording segment of the session', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', {
      report: 'replay',
      replay: '1',
      ...FAST,
    });
    await clickAt(page, 'dead-button');
    const crumbs = await waitUntil(replayClickIssues, (list) => list.length > 0);
    await context.close();
    expect(crumbs).toHaveLength(1);
    const issue = ClickIssueSchema.parse(crumbs[0]!.data);
    expect(issue).toMatchObject({ type: 'dead', via: 'replay', target: { testId: 'dead-button' } });
    const replayIds = server.items('replay_event').map((i) => (i.payload as { replay_id: string }).replay_id);
    expect(replayIds).toContain(issue.replayId);
    expect(clickIssueEvents()).toHaveLength(0);
    expect(server.issueRequests).toHaveLength(0);
  });

  it('by the public route, puts a playback.clickIssue breadcrumb into the segment through Sentry.addBreadcrumb', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', {
      report: 'replay',
      replay: '1',
      replayRoute: 'breadcrumb',
      ...FAST,
    });
    await clickAt(page, 'dead-button');
    const crumbs = await waitUntil(
      () => replayClickIssues('playback.clickIssue'),
      (list) => list.length > 0,
    );
    const stats = await page.evaluate(() => window.__playback.stats());
    await context.close();
    expect(crumbs).toHaveLength(1);
    expect(crumbs[0]).toMatchObject({ level: 'warning', message: 'Dead click on button "Pay now"' });
    const issue = ClickIssueSchema.parse(crumbs[0]!.data);
    expect(issue).toMatchObject({ type: 'dead', via: 'replay', target: { testId: 'dead-button' } });
    const replayIds = server.items('replay_event').map((i) => (i.payload as { replay_id: string }).replay_id);
    expect(replayIds).toContain(issue.replayId);
    // Only the public route was used, and nothing fell back.
    expect(replayClickIssues('ui.clickIssue')).toHaveLength(0);
    expect(stats.sent.replay).toBe(1);
    expect(stats.fallbacks).toMatchObject({ endpoint: 0, exception: 0, drop: 0 });
    expect(clickIssueEvents()).toHaveLength(0);
    expect(server.issueRequests).toHaveLength(0);
  });

  it('sends the segment at once, so an issue raised just before the user leaves still arrives', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', {
      report: 'replay',
      replay: '1',
      ...FAST,
    });
    await clickAt(page, 'dead-button');
    await waitUntil(
      () => issuesOn(page),
      (list) => list.length > 0,
    );
    await page.waitForTimeout(150);
    await page.goto('about:blank');
    const crumbs = await waitUntil(replayClickIssues, (list) => list.length > 0, 5000);
    await context.close();
    expect(crumbs.map((c) => (c.data as { type: string }).type)).toEqual(['dead']);
  });

  it('falls back to the endpoint, and counts it, when Replay is not recording the session', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', {
      report: 'replay',
      replay: '0',
      ...FAST,
    });
    await clickAt(page, 'dead-button');
    const issues = await waitUntil(
      () => server.endpointIssues(),
      (list) => list.length > 0,
    );
    const stats = await page.evaluate(() => window.__playback.stats());
    await context.close();
    expect(issues).toMatchObject([{ type: 'dead', via: 'endpoint', replayId: null }]);
    expect(stats.fallbacks.endpoint).toBe(1);
    expect(server.items('replay_recording')).toHaveLength(0);
  });

  it('falls back to an exception when told to', async () => {
    const { context, page } = await openDemo(browser, server, 'index.html', {
      report: 'replay',
      replay: '0',
      fallback: 'exception',
      ...FAST,
    });
    await clickAt(page, 'dead-button');
    const events = await waitUntil(clickIssueEvents, (list) => list.length > 0);
    await context.close();
    expect(events[0]!.tags).toMatchObject({ 'click_issue.via': 'exception' });
  });
});
