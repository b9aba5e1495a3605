import type { ClickIssue, ClickIssueType } from '@playback/detector/engine';
import type { IssuePath } from './path.js';
import type { ExceptionClient } from './sentry-api.js';

/** Error names per type: what Sentry shows as the issue title. */
export const CLICK_ISSUE_ERROR_NAMES: Record<ClickIssueType, string> = {
  dead: 'DeadClick',
  slow: 'SlowClick',
  rage: 'RageClick',
  error: 'ErrorClick',
};

const TYPE_WORDS: Record<ClickIssueType, string> = {
  dead: 'Dead',
  slow: 'Slow',
  rage: 'Rage',
  error: 'Error',
};

/** Sentry's normalizer honours this symbol: the ClickIssue keeps its full depth in the event. */
const NORMALIZATION_DEPTH = Symbol.for('sentry.overrideNormalizationDepth');
const CLICK_ISSUE_CONTEXT_DEPTH = 6;

/** `Dead click on button "Pay now"`. */
export function clickIssueMessage(issue: ClickIssue): string {
  const target = issue.target;
  const label = target.name ?? target.text ?? target.selector;
  return `${TYPE_WORDS[issue.type]} click on ${target.tagName} "${label}"`;
}

/** An Error named after the type, without a stack: the code that raised it is Playback's, not the app's. */
export function clickIssueError(issue: ClickIssue): Error {
  const error = new Error(clickIssueMessage(issue));
  error.name = CLICK_ISSUE_ERROR_NAMES[issue.type];
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/** Sends the issue through Sentry's error pipeline, as a warning grouped by the issue's fingerprint. */
export function reportViaException(client: ExceptionClient, issue: ClickIssue): string {
  const context: Record<string, unknown> = { ...issue };
  Object.defineProperty(context, NORMALIZATION_DEPTH, {
    value: CLICK_ISSUE_CONTEXT_DEPTH,
    enumerable: false,
  });
  const tags: Record<string, string> = {
    'click_issue.type': issue.type,
    'click_issue.via': issue.via ?? 'exception',
  };
  if (issue.arm) tags['click_issue.arm'] = issue.arm;
  return client.captureException(clickIssueError(issue), {
    mechanism: { type: 'playback.click_issue', handled: true },
    captureContext: {
      level: 'warning',
      fingerprint: ['click-issue', issue.fingerprint],
      tags,
      contexts: { click_issue: context },
    },
  });
}

/** The `exception` path: Sentry's error pipeline. */
export const exceptionPath: IssuePath = {
  path: 'exception',
  send(issue, context) {
    reportViaException(context.client, issue);
    context.stats.sent.exception++;
    return true;
  },
};
