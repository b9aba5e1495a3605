import { describe, expect, it } from 'vitest';
import { clickIssueError, reportViaException } from './exception.js';
import { makeIssue } from './issue.fixture.js';

describe('exception path', () => {
  it('names the error after the type and titles it with the element', () => {
    const error = clickIssueError(makeIssue({ type: 'rage' }));
    expect(error.name).toBe('RageClick');
    expect(error.message).toBe('Rage click on button "Pay now"');
  });

  it('captures a warning grouped by the issue fingerprint, tagged and with the ClickIssue as context', () => {
    const calls: Array<{ exception: unknown; hint: Record<string, unknown> }> = [];
    const client = {
      captureException(exception: unknown, hint?: Record<string, unknown>) {
        calls.push({ exception, hint: hint ?? {} });
        return 'event-id';
      },
    };
    const issue = makeIssue({ type: 'slow', via: 'exception', arm: 'exception' });
    expect(reportViaException(client, issue)).toBe('event-id');
    const { exception, hint } = calls[0]!;
    expect((exception as Error).name).toBe('SlowClick');
    const context = hint.captureContext as Record<string, unknown>;
    expect(context.level).toBe('warning');
    expect(context.fingerprint).toEqual(['click-issue', issue.fingerprint]);
    expect(context.tags).toEqual({
      'click_issue.type': 'slow',
      'click_issue.via': 'exception',
      'click_issue.arm': 'exception',
    });
    const clickIssue = (context.contexts as Record<string, Record<string | symbol, unknown>>).click_issue!;
    expect(clickIssue).toEqual({ ...issue });
    // Sentry's normalizer would cut evidence items at depth 3; the hint keeps the whole issue.
    expect(clickIssue[Symbol.for('sentry.overrideNormalizationDepth')]).toBeGreaterThanOrEqual(5);
  });
});
