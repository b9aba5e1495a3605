// A small shop's traffic, sent through the consumer's real ingest on all three paths, one request
// at a time so issue ids come out in a known order: what the dashboard tests look at.
import type { ClickIssue } from '@playback/detector';
import type { RunningConsumer } from '../../src/runtime/consumer.js';
import { breadcrumbEvent, clickIssue, exceptionEnvelope, issuesBatch, replayEnvelope } from '../fixtures.js';
import { envelopePath, getJson, issuesPath, playbackPath, post } from '../harness.js';
import { playbackFile } from '../playback-file.js';

const HOUR_MS = 3_600_000;
/** Seeding waits out the last minute of an hour, so hourly sparkline buckets stay put during a test. */
const HOUR_EDGE_MS = 60_000;

export const REPLAY_PAY = '3f2b9c6d1e8a4f70b5c2d9e6a1f4b8c3';
export const REPLAY_TRACK = '9d4e1a7c2b8f4e60a3c5d7e9f1b2c4d6';
export const PLAYBACK_SESSION = 'checkout-session-a';

export const TITLES = {
  pay: 'Dead click on button "Pay now"',
  coupon: 'Error click on button "Apply coupon"',
  search: 'Slow click on button "Search"',
  track: 'Rage click on link "Track order"',
} as const;

export interface SeededShop {
  projectId: number;
  publicKey: string;
  dsn: string;
  /** Issue ids, in the order they were created. */
  ids: { pay: number; coupon: number; search: number; track: number };
}

async function waitClearOfHourEdge(): Promise<void> {
  const untilNextHour = HOUR_MS - (Date.now() % HOUR_MS);
  if (untilNextHour < HOUR_EDGE_MS) await new Promise((r) => setTimeout(r, untilNextHour + 1_000));
}

async function send(consumer: RunningConsumer, path: string, body: Buffer | string): Promise<void> {
  const response = await post(consumer, path, body, { 'content-type': 'application/json' });
  if (response.status !== 200)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  await consumer.drain();
}

export async function seedShop(consumer: RunningConsumer): Promise<SeededShop> {
  await waitClearOfHourEdge();
  const { project, publicKey, dsn } = await consumer.createProject('shop');
  const id = project.id;
  // Half past the hour, `k` hours back: each lands in a known hourly bucket.
  const hourStart = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const at = (hoursAgo: number) => hourStart - hoursAgo * HOUR_MS + HOUR_MS / 2;

  const endpoint = (issues: ClickIssue[]) => send(consumer, issuesPath(id, publicKey), issuesBatch(issues));
  const exception = (issue: ClickIssue) =>
    send(consumer, envelopePath(id, publicKey), exceptionEnvelope(issue));
  const replay = (replayId: string, issue: ClickIssue) =>
    send(
      consumer,
      envelopePath(id, publicKey),
      replayEnvelope(replayId, [
        breadcrumbEvent('ui.clickIssue', { ...issue, via: 'replay' }, issue.timestamp),
      ]),
    );

  // A dead "Pay now" on /checkout, by every path.
  const pay = { type: 'dead' as const, route: '/checkout' };
  const payFirst = clickIssue({ ...pay, sessionId: PLAYBACK_SESSION, timestamp: at(1) });
  await endpoint([payFirst, clickIssue({ ...pay, sessionId: 'checkout-session-b', timestamp: at(3) })]);
  await exception(clickIssue({ ...pay, sessionId: 'checkout-session-c', timestamp: at(2) }));
  await replay(
    REPLAY_PAY,
    clickIssue({ ...pay, sessionId: 'checkout-session-d', replayId: REPLAY_PAY, timestamp: at(5) }),
  );

  // An error on /cart: a TypeError 120 ms after the click.
  const couponAt = at(2) + 60_000;
  await endpoint([
    clickIssue({
      type: 'error',
      route: '/cart',
      sessionId: 'cart-session-e',
      timestamp: couponAt,
      target: {
        tagName: 'button',
        selector: '#apply-coupon',
        id: 'apply-coupon',
        text: 'Apply coupon',
        actionable: true,
        ignored: false,
      },
      endReason: 'error',
      timeAfterClickMs: 120,
      evidence: [
        { type: 'click', t: couponAt, x: 412, y: 318 },
        { type: 'signal', t: couponAt + 40, kind: 'focus', detail: '#coupon-code' },
        {
          type: 'error',
          t: couponAt + 120,
          errorType: 'TypeError',
          message: "Cannot read properties of undefined (reading 'code')",
        },
      ],
      error: {
        t: couponAt + 120,
        type: 'TypeError',
        message: "Cannot read properties of undefined (reading 'code')",
        stack:
          "TypeError: Cannot read properties of undefined (reading 'code')\n    at applyCoupon (cart.js:42:17)",
      },
    }),
  ]);

  // A slow search: the results came after 4.2 s.
  await exception(
    clickIssue({
      type: 'slow',
      route: '/search',
      sessionId: 'search-session-f',
      timestamp: at(4),
      target: {
        tagName: 'button',
        selector: '#search',
        id: 'search',
        text: 'Search',
        actionable: true,
        ignored: false,
      },
      endReason: 'mutation',
      timeAfterClickMs: 4_200,
      evidence: [
        { type: 'click', t: 0, x: 640, y: 96 },
        { type: 'signal', t: 4_200, kind: 'mutation', detail: '#results' },
      ],
    }),
  );

  // A rage click on a tracking link nothing answers, seen in a Sentry replay.
  await replay(
    REPLAY_TRACK,
    clickIssue({
      type: 'rage',
      route: '/orders/:id',
      sessionId: 'orders-session-g',
      replayId: REPLAY_TRACK,
      timestamp: at(6),
      target: {
        tagName: 'a',
        selector: 'a.track',
        role: 'link',
        name: 'Track order',
        actionable: true,
        ignored: false,
      },
      clickCount: 4,
      evidence: [
        { type: 'click', t: 0, x: 220, y: 540 },
        { type: 'click', t: 210, x: 221, y: 540 },
        { type: 'click', t: 430, x: 221, y: 541 },
        { type: 'click', t: 660, x: 222, y: 540 },
        { type: 'timeout', t: 7_000, afterMs: 7_000 },
      ],
    }),
  );

  // The recorder's playback file of the first checkout session.
  await send(
    consumer,
    playbackPath(id, publicKey),
    JSON.stringify(
      playbackFile({ id: PLAYBACK_SESSION, startedAt: at(1) - 30_000, clickIssues: [payFirst] }),
    ),
  );

  const { issues } = await getJson<{ issues: Array<{ id: number; title: string }> }>(
    consumer,
    `/api/${id}/issues?limit=100`,
  );
  const idOf = (title: string) => {
    const issue = issues.find((i) => i.title === title);
    if (!issue)
      throw new Error(`seeded issue "${title}" missing; got ${issues.map((i) => i.title).join(', ')}`);
    return issue.id;
  };
  return {
    projectId: id,
    publicKey,
    dsn,
    ids: {
      pay: idOf(TITLES.pay),
      coupon: idOf(TITLES.coupon),
      search: idOf(TITLES.search),
      track: idOf(TITLES.track),
    },
  };
}
