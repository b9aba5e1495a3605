import { hash64 } from '../hash/hash.js';
import type { ClickIssueType } from '../model/click-issue.js';
import type { Target } from '../model/target.js';
import { targetIdentity } from './target-identity.js';

/** Stable grouping key: the same broken button on two orders is one issue. */
export function clickIssueFingerprint(type: ClickIssueType, route: string, target: Target): string {
  return hash64(`${type}\u0000${route}\u0000${targetIdentity(target)}`);
}
