// One click, one occurrence: with re-detection on, a dead click the SDK reported and the consumer
// found again in the recording counts once in the issue list, whichever arrived first and by
// whichever path; the SDK's report is the one kept. Real recordings, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccurrenceSink } from '../src/pipeline/occurrence-sink.js';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import type { IssueDetail, IssueSummary } from '../src/store/issues.js';
import { testDatabases } from './databases.js';
import { breadcrumbEvent, exceptionEnvelope, issuesBatch, replayEnvelope } from './fixtures.js';
import { envelopePath, getJson, issuesPath, post, startTestConsumer } from './harness.js';
import { COUPON, click, meta, PAY, sdkDeadClick, snapshot, T0 } from './rrweb-recording.js';

/** A dead click on Pay now at T0 + 5 s: pressed, then nothing for 15 s. */
const CLICK_T = T0 + 5_000;
const deadClickSegments = [
  [meta(T0), snapshot(T0 + 5)],
  [...click(CLICK_T), meta(T0 + 6_000)],
  [meta(T0 + 13_000)],
  [meta(T0 + 20_000)],
];

for (const database of testDatabases()) {
  describe(`one click, one occurrence, on ${database.name}`, () => {
    let consumer: RunningConsumer;
    // What a sink (the Sentry forwarder, the occurrences topic) was sent: occurrences new to it, and again.
    const sent: Array<{ as: 'new' | 'again'; id: string; replayId: string | null }> = [];
    const sink: OccurrenceSink = {
      name: 'recorder',
      write: async ({ issue }) => void sent.push({ as: 'new', id: issue.id, replayId: issue.replayId }),
      repeat: async ({ issue }) => void sent.push({ as: 'again', id: issue.id, replayId: issue.replayId }),
      close: async () => {},
    };
    /** The ids a sink was sent for one replay, without repeats of one id. */
    const sentFor = (replayId: string) => [
      ...new Set(sent.filter((s) => s.replayId === replayId).map((s) => s.id)),
    ];

    beforeAll(async () => {
      const { dataDir, databaseUrl, schema } = database.options();
      consumer = await startTestConsumer({
        redetect: true,
        sinks: [sink],
        ...(dataDir ? { dataDir } : {}),
        ...(databaseUrl ? { databaseUrl } : {}),
        ...(schema ? { databaseSchema: schema } : {}),
      });
    });
    afterAll(async () => {
      await consumer?.close();
      await database.cleanup();
    });

    /** A project of its own, and how to send to it and read its issues back. */
    async function project() {
      const { project: created, publicKey: key } = await consumer.createProject('shop');
      const id = created.id;
      return {
        async segment(replayId: string, segmentId: number, events: unknown[]) {
          const res = await post(
            consumer,
            envelopePath(id, key),
            replayEnvelope(replayId, events, { segmentId }),
          );
          expect(res.status).toBe(200);
          await consumer.drain();
        },
        async exception(issue: ReturnType<typeof sdkDeadClick>) {
          expect((await post(consumer, envelopePath(id, key), exceptionEnvelope(issue))).status).toBe(200);
          await consumer.drain();
        },
        async endpoint(issue: ReturnType<typeof sdkDeadClick>) {
          const res = await post(consumer, issuesPath(id, key), issuesBatch([issue]), {
            'content-type': 'application/json',
          });
          expect(res.status).toBe(200);
          await consumer.drain();
        },
        issues: async () => (await getJson<{ issues: IssueSummary[] }>(consumer, `/api/${id}/issues`)).issues,
        detail: (issueId: number) => getJson<IssueDetail>(consumer, `/api/${id}/issues/${issueId}`),
      };
    }

    it('keeps the SDK report when the consumer finds the same click afterwards', async () => {
      const shop = await project();
      const replayId = 'a'.repeat(32);
      const reported = sdkDeadClick(replayId, CLICK_T);
      await shop.exception(reported);
      for (const [segmentId, events] of deadClickSegments.entries())
        await shop.segment(replayId, segmentId, events);

      const issues = await shop.issues();
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ type: 'dead', count: 1, countByPath: { exception: 1, replay: 0 } });
      const detail = await shop.detail(issues[0]!.id);
      expect(detail.occurrences.map((o) => [o.id, o.source])).toEqual([[reported.id, 'playback']]);
      expect(sentFor(replayId)).toEqual([reported.id]);
    });

    it('puts the SDK report in place of the re-detected copy when the SDK arrives later', async () => {
      const shop = await project();
      const replayId = 'b'.repeat(32);
      for (const [segmentId, events] of deadClickSegments.entries())
        await shop.segment(replayId, segmentId, events);
      const found = await shop.issues();
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ count: 1, countByPath: { replay: 1 } });
      const copy = (await shop.detail(found[0]!.id)).occurrences[0]!;
      expect(copy).toMatchObject({ source: 'rrweb', replayId });

      // The SDK's batch left the page a little later, by the endpoint path.
      const reported = sdkDeadClick(replayId, CLICK_T);
      await shop.endpoint(reported);
      // And the recording goes on: the click is re-detected again over the longer history.
      await shop.segment(replayId, 4, [meta(T0 + 30_000)]);

      const issues = await shop.issues();
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({
        id: found[0]!.id,
        count: 1,
        countByPath: { endpoint: 1, replay: 0 },
      });
      const detail = await shop.detail(issues[0]!.id);
      expect(detail.occurrences.map((o) => [o.id, o.source, o.path])).toEqual([
        [reported.id, 'playback', 'endpoint'],
      ]);
      expect(detail.sessions).toEqual(['sdk-session-1']);
      // The sinks had the click under the copy's id: nothing under another id follows it there.
      expect(sentFor(replayId)).toEqual([copy.id]);
    });

    it("counts once the SDK's replay breadcrumb and the re-detection in the same segment", async () => {
      const shop = await project();
      const replayId = 'c'.repeat(32);
      const reported = sdkDeadClick(replayId, CLICK_T);
      const [first, second, third, fourth] = deadClickSegments;
      await shop.segment(replayId, 0, first!);
      await shop.segment(replayId, 1, second!);
      // The SDK appends its verdict to the recording when the timeout passes, beside the events that show it.
      await shop.segment(replayId, 2, [
        breadcrumbEvent('ui.clickIssue', reported, CLICK_T + 7_000),
        ...third!,
      ]);
      await shop.segment(replayId, 3, fourth!);

      const issues = await shop.issues();
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ count: 1, countByPath: { replay: 1 } });
      expect((await shop.detail(issues[0]!.id)).occurrences.map((o) => o.id)).toEqual([reported.id]);
    });

    it('keeps two real clicks on the same button two seconds apart as two occurrences', async () => {
      const shop = await project();
      const replayId = 'd'.repeat(32);
      const segments = [
        [meta(T0), snapshot(T0 + 5)],
        [...click(CLICK_T), ...click(CLICK_T + 2_000), meta(T0 + 8_000)],
        [meta(T0 + 20_000)],
      ];
      await shop.exception(sdkDeadClick(replayId, CLICK_T));
      await shop.exception(sdkDeadClick(replayId, CLICK_T + 2_000));
      for (const [segmentId, events] of segments.entries()) await shop.segment(replayId, segmentId, events);
      const issues = await shop.issues();
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ count: 2, countByPath: { exception: 2, replay: 0 } });

      // Found only by re-detection, they are two as well.
      const other = await project();
      for (const [segmentId, events] of segments.entries()) await other.segment(replayId, segmentId, events);
      expect((await other.issues())[0]).toMatchObject({ count: 2, countByPath: { replay: 2 } });
    });

    it('stores each re-detected click once however its segments arrive: late, repeated, or more after', async () => {
      const shop = await project();
      const replayId = 'e'.repeat(32);
      const segments = [
        [meta(T0), snapshot(T0 + 5)],
        [...click(T0 + 5_000, PAY)],
        [...click(T0 + 6_000, COUPON)],
        [...click(T0 + 8_000, PAY), meta(T0 + 20_000)],
        [meta(T0 + 30_000)],
      ];
      // Segment 2 is delivered after 3: the clicks judged before it come round again in another order.
      for (const segmentId of [0, 1, 3, 2, 3, 4])
        await shop.segment(replayId, segmentId, segments[segmentId]!);

      const issues = await shop.issues();
      expect(issues.map((i) => [i.title, i.count]).sort()).toEqual([
        ['Dead click on button "Apply"', 1],
        ['Dead click on button "Pay now"', 2],
      ]);
    });
  });
}
