import type { ClickIssue, ReportPath } from '@playback/detector/engine';
import { describe, expect, it } from 'vitest';
import { emptyStats } from '../shared/stats.js';
import { dispatchIssue } from './dispatch.js';
import { makeIssue } from './issue.fixture.js';
import { type IssuePath, type PathContext, pathTable } from './path.js';

/** A path that exists only in this test: adding a path is one module of this shape. */
function testPath(name: string, accepts: boolean | 'throws') {
  const received: ClickIssue[] = [];
  const path: IssuePath = {
    path: name as ReportPath,
    send(issue) {
      if (accepts === 'throws') throw new Error('internals changed');
      received.push(issue);
      return accepts;
    },
  };
  return { path, received };
}

function context(): PathContext {
  return {
    client: { captureException: () => '', getDsn: () => undefined, getIntegrationByName: () => undefined },
    options: {},
    stats: emptyStats(),
    replay: () => undefined,
    state: new Map(),
  };
}

describe('dispatchIssue', () => {
  it('looks the path up in the table: a fourth path registered here receives its issues', () => {
    const log = testPath('log', true);
    const other = testPath('endpoint', true);
    const ctx = context();
    dispatchIssue(makeIssue(), 'log' as ReportPath, pathTable([other.path, log.path]), 'endpoint', ctx);
    expect(log.received.map((i) => i.via)).toEqual(['log']);
    expect(other.received).toEqual([]);
    expect((ctx.stats.reported as Record<string, number>).log).toBe(1);
  });

  it('hands an issue its path refuses or fails at to the fallback, and counts it', () => {
    const refusing = testPath('replay', false);
    const failing = testPath('exception', 'throws');
    const fallback = testPath('endpoint', true);
    const ctx = context();
    const paths = pathTable([refusing.path, failing.path, fallback.path]);
    dispatchIssue(makeIssue(), 'replay', paths, 'endpoint', ctx);
    dispatchIssue(makeIssue(), 'exception', paths, 'endpoint', ctx);
    expect(fallback.received.map((i) => i.via)).toEqual(['endpoint', 'endpoint']);
    expect(ctx.stats.fallbacks.endpoint).toBe(2);
    expect(ctx.stats.reported).toMatchObject({ replay: 0, exception: 0, endpoint: 2 });
    expect(ctx.stats.failuresBy).toEqual({ exception: 1 });
  });

  it('drops a refused issue when the fallback says drop', () => {
    const refusing = testPath('replay', false);
    const ctx = context();
    dispatchIssue(makeIssue(), 'replay', pathTable([refusing.path]), 'drop', ctx);
    expect(ctx.stats.dropped.replayDrop).toBe(1);
    expect(ctx.stats.fallbacks.drop).toBe(1);
  });
});
