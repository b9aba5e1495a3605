// An issue's title and culprit, what a developer reads first. The fingerprint that makes a click one issue
// comes with the ClickIssue (the detector's fingerprint/); this only names the group.
import type { ClickIssue, ClickIssueType, Target } from '@playback/detector';
import type { IssueGroup } from '../store/occurrences.js';

const TYPE_LABELS: Record<ClickIssueType, string> = {
  dead: 'Dead click',
  slow: 'Slow click',
  rage: 'Rage click',
  error: 'Error click',
};

const TITLE_NAME_MAX_LENGTH = 60;

/** The label a person would use for the element: accessible name, text, test id, id, then selector. */
export function targetLabel(target: Target): string {
  const raw = target.name ?? target.text ?? target.testId ?? target.id ?? target.selector;
  const flat = raw.replace(/\s+/g, ' ').trim();
  return flat.length > TITLE_NAME_MAX_LENGTH ? `${flat.slice(0, TITLE_NAME_MAX_LENGTH - 1)}…` : flat;
}

/** `Dead click on button "Pay now"`. */
export function issueTitle(issue: Pick<ClickIssue, 'type' | 'target'>): string {
  const label = targetLabel(issue.target);
  const element =
    issue.target.role && issue.target.role !== issue.target.tagName
      ? issue.target.role
      : issue.target.tagName;
  return label
    ? `${TYPE_LABELS[issue.type]} on ${element} "${label}"`
    : `${TYPE_LABELS[issue.type]} on ${element}`;
}

/** Where it happened: the normalized route. */
export function issueCulprit(issue: Pick<ClickIssue, 'route'>): string {
  return issue.route || '/';
}

export function groupClickIssue(issue: ClickIssue): IssueGroup {
  return { fingerprint: issue.fingerprint, title: issueTitle(issue), culprit: issueCulprit(issue) };
}
