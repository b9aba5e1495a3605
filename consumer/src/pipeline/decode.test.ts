import { describe, expect, it } from 'vitest';
import { breadcrumbEvent, clickIssue, exceptionEnvelope, replayEnvelope } from '../../test/fixtures.js';
import { issuesFromRecording, readEnvelope } from './decode.js';
import type { RecordingReaders } from './detector-adapter.js';

describe('decode', () => {
  it('classifies an event with a click_issue context as the exception path', async () => {
    const issue = clickIssue();
    const read = await readEnvelope(exceptionEnvelope(issue));
    expect(read.path).toBe('exception');
    expect(read.exceptionIssues[0]).toMatchObject({ id: issue.id, via: 'exception' });
  });

  it('reads replay segments plain or zlib, and takes the replay id from the replay_event', async () => {
    const issue = clickIssue();
    for (const compressed of [true, false]) {
      const read = await readEnvelope(
        replayEnvelope('r'.repeat(32), [breadcrumbEvent('ui.clickIssue', issue)], {
          compressed,
          segmentId: 3,
        }),
      );
      expect(read).toMatchObject({ path: 'replay', replayId: 'r'.repeat(32) });
      expect(read.recordings[0]).toMatchObject({ segmentId: 3 });
      const { issues } = issuesFromRecording(read.recordings[0]!.events, {
        sessionId: null,
        replayId: read.replayId,
      });
      expect(issues).toEqual([{ ...issue, via: 'replay', replayId: 'r'.repeat(32) }]);
    }
  });

  it('reads the public-API route (playback.clickIssue) as it reads ui.clickIssue, and nothing else', () => {
    const viaPublic = clickIssue();
    const viaFrames = clickIssue({ type: 'slow' });
    const events = [
      breadcrumbEvent('playback.clickIssue', viaPublic),
      breadcrumbEvent('ui.clickIssue', viaFrames),
      breadcrumbEvent('custom.other', clickIssue()),
    ];
    const { issues, invalid } = issuesFromRecording(events, { sessionId: null, replayId: 'r1' });
    expect(issues.map((i) => [i.id, i.via, i.replayId])).toEqual([
      [viaPublic.id, 'replay', 'r1'],
      [viaFrames.id, 'replay', 'r1'],
    ]);
    expect(invalid).toBe(0);
  });

  it("adds Sentry's own click breadcrumbs, and re-detected issues only with redetect on, once per id", () => {
    const sdk = clickIssue();
    const fromSentry = clickIssue({ type: 'slow', source: 'sentry-breadcrumb' });
    const fromRrweb = clickIssue({ type: 'dead', source: 'rrweb' });
    const readers: RecordingReaders = {
      readSentryClickBreadcrumbs: () => [fromSentry],
      detectFromRrweb: () => [fromRrweb, sdk],
    };
    const events = [breadcrumbEvent('ui.clickIssue', sdk), breadcrumbEvent('ui.clickIssue', { id: 'nope' })];
    const context = { sessionId: null, replayId: 'r1' };
    const off = issuesFromRecording(events, context, { readers });
    expect(off.issues.map((i) => i.id)).toEqual([sdk.id, fromSentry.id]);
    expect(off.invalid).toBe(1);
    const on = issuesFromRecording(events, context, { readers, redetect: true });
    expect(on.issues.map((i) => i.id)).toEqual([sdk.id, fromSentry.id, fromRrweb.id]);
  });
});
