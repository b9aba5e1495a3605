import type { ClickIssue } from '@playback/detector';

type ClickIssueListener = (issue: ClickIssue) => void;

const listeners = new Set<ClickIssueListener>();

/**
 * Calls `listener` with every click issue detected in this page, by any
 * `createClickIssues` or `clickIssuesIntegration`, before it is reported.
 * Returns the unsubscribe function. The recorder uses it for `onIssueOnly`.
 */
export function onClickIssue(listener: ClickIssueListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Hands an issue to every listener; one that throws is reported to `fail` and the others still run. */
export function emitClickIssue(issue: ClickIssue, fail: () => void): void {
  for (const listener of listeners) {
    try {
      listener(issue);
    } catch {
      fail();
    }
  }
}
