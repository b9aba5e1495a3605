// The traffic of the end-to-end suites: one dead click on "Pay now" by each reporting path, in
// sessions a, b and c, a rage click on /cart beside the endpoint's, and session a's playback file.
import type { ClickIssue } from '@playback/detector';
import { expect } from 'vitest';
import type { RunningConsumer } from '../src/runtime/consumer.js';
import { breadcrumbEvent, clickIssue, exceptionEnvelope, issuesBatch, replayEnvelope } from './fixtures.js';
import { envelopePath, issuesPath, playbackPath, post } from './harness.js';
import { playbackFile } from './playback-file.js';

export interface EveryPathOptions {
  /** The replay segment's breadcrumbs after its navigation; by default the replay path's click issue alone. */
  segmentEvents?: (viaReplay: ClickIssue) => unknown[];
  /** Headers of the endpoint path's POST (the SDK's beacon sends text/plain). */
  issuesHeaders?: Record<string, string>;
}

export function everyPath({
  segmentEvents = (viaReplay) => [breadcrumbEvent('ui.clickIssue', viaReplay)],
  issuesHeaders = {},
}: EveryPathOptions = {}) {
  const viaException = clickIssue({ sessionId: 'session-a' });
  const viaEndpoint = clickIssue({ sessionId: 'session-b', timestamp: viaException.timestamp + 5_000 });
  const rage = clickIssue({ type: 'rage', route: '/cart', sessionId: 'session-b', clickCount: 4 });
  const viaReplay = clickIssue({ sessionId: 'session-c', timestamp: viaException.timestamp + 9_000 });
  const replayId = 'c'.repeat(32);
  const segment = replayEnvelope(replayId, [
    { type: 4, timestamp: viaReplay.timestamp, data: { href: 'http://shop.test/checkout' } },
    ...segmentEvents(viaReplay),
  ]);
  const upload = playbackFile({ id: 'session-a' });
  return {
    viaException,
    viaEndpoint,
    rage,
    viaReplay,
    replayId,
    segment,
    upload,
    /** Posts each to its path, in that order; ingest must acknowledge every one. */
    async send(consumer: RunningConsumer, projectId: number, key: string): Promise<void> {
      const answers = [
        await post(consumer, envelopePath(projectId, key), exceptionEnvelope(viaException)),
        await post(consumer, issuesPath(projectId, key), issuesBatch([viaEndpoint, rage]), issuesHeaders),
        await post(consumer, envelopePath(projectId, key), segment),
        await post(consumer, playbackPath(projectId, key), JSON.stringify(upload)),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    },
  };
}
