import type { ClickIssue, ReportPath } from '@playback/detector/engine';
import { countFailure } from '../shared/stats.js';
import type { ReplayFallback } from './options.js';
import { countPath, type PathContext, type PathTable } from './path.js';

/** Sends the issue by one path; false when it could not (refused, threw, or not in this build). */
function sendBy(paths: PathTable, path: ReportPath, issue: ClickIssue, context: PathContext): boolean {
  const module = paths.get(path);
  if (!module) return false;
  let sent = false;
  try {
    sent = module.send({ ...issue, via: path }, context);
  } catch {
    // A path's internals changed under us (Replay's API): count it, and let the fallback carry the issue.
    countFailure(context.stats, path);
  }
  if (sent) countPath(context.stats.reported, path);
  return sent;
}

/**
 * Reports an issue by its path, looked up in the table; when that path cannot take it now
 * (Replay not recording), by the fallback, or drops it, and counts which.
 */
export function dispatchIssue(
  issue: ClickIssue,
  path: ReportPath,
  paths: PathTable,
  fallback: ReplayFallback,
  context: PathContext,
): void {
  if (sendBy(paths, path, issue, context) || fallback === path) return;
  context.stats.fallbacks[fallback]++;
  if (fallback === 'drop') context.stats.dropped.replayDrop++;
  else sendBy(paths, fallback, issue, context);
}
