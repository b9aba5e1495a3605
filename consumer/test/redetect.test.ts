// Re-detection over raw rrweb: the click arrives in a later segment than the page's snapshot, and the
// verdict needs time that only a still later segment shows. The consumer runs the detector over the
// replay so far, so the dead click is found once, when it is due, and never at a segment boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import type { IssueDetail, IssueSummary } from '../src/store/issues.js';
import { replayEnvelope } from './fixtures.js';
import { envelopePath, getJson, post, startTestConsumer } from './harness.js';
import { click, meta, mouse, snapshot, T0 } from './rrweb-recording.js';

describe('redetect', () => {
  let consumer: RunningConsumer;
  let projectId: number;
  let key: string;

  beforeAll(async () => {
    consumer = await startTestConsumer({ redetect: true });
    const created = await consumer.createProject('shop');
    projectId = created.project.id;
    key = created.publicKey;
  });
  afterAll(() => consumer?.close());

  const issues = () => getJson<{ issues: IssueSummary[] }>(consumer, `/api/${projectId}/issues`);

  const sendTo =
    (replayId: string, project = { id: projectId, key }) =>
    async (segmentId: number, events: unknown[]) => {
      const res = await post(
        consumer,
        envelopePath(project.id, project.key),
        replayEnvelope(replayId, events, { segmentId }),
      );
      expect(res.status).toBe(200);
      await consumer.drain();
    };

  it('finds a dead click across segments, once, when its timeout has passed', async () => {
    const replayId = 'd'.repeat(32);
    const send = sendTo(replayId);
    await send(0, [meta(T0), snapshot(T0 + 5)]);
    // The click, and the segment ends before any verdict is due: nothing yet, not a premature dead click.
    await send(1, [mouse(T0 + 5_000, 1), mouse(T0 + 5_050, 0), mouse(T0 + 5_060, 2), meta(T0 + 6_000)]);
    expect((await issues()).issues).toEqual([]);
    // Time passes with no reaction (Meta events carry the clock; the same URL is no navigation): now it is dead.
    await send(2, [meta(T0 + 13_000)]);
    await send(3, [meta(T0 + 20_000)]);
    const { issues: found } = await issues();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'dead', count: 1, countByPath: { replay: 1 } });
    const detail = await getJson<IssueDetail>(consumer, `/api/${projectId}/issues/${found[0]!.id}`);
    expect(detail.occurrences[0]).toMatchObject({ source: 'rrweb', replayId, endReason: 'timeout' });
  });

  it('keeps the dead clicks of two replays apart when they happened at the same moment', async () => {
    const { project, publicKey } = await consumer.createProject('twins');
    // Two users press Pay now in the same millisecond: the same events, in two recordings.
    for (const replayId of ['e'.repeat(32), 'f'.repeat(32)]) {
      const send = sendTo(replayId, { id: project.id, key: publicKey });
      await send(0, [meta(T0), snapshot(T0 + 5)]);
      await send(1, [...click(T0 + 5_000), meta(T0 + 20_000)]);
    }
    const { issues: found } = await getJson<{ issues: IssueSummary[] }>(
      consumer,
      `/api/${project.id}/issues`,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'dead', count: 2, countByPath: { replay: 2 } });
  });
});
