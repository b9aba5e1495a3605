import type { ClickIssue, Step, Target } from '@playback/detector';
import type { ReplayClickIssue } from '../report/report.js';

/** `button "Pay now"`, `a #next`, …: enough to recognise the element in a report. */
export function describeTarget(target: Target): string {
  const label = target.name ?? target.text;
  if (label) return `${target.tagName} "${label}"`;
  return `${target.tagName} ${target.selector}`;
}

function selectsTarget(step: Step, target: Target): boolean {
  if (!('target' in step) || !step.target) return false;
  return step.target.selectors.some((selector) => {
    switch (selector.kind) {
      case 'testid':
        return selector.value === target.testId;
      case 'id':
        return selector.value === target.id;
      case 'role':
        return selector.role === target.role && selector.name === target.name;
      case 'text':
        return selector.value === target.text;
      case 'css':
        return selector.value === target.selector;
      default:
        return false;
    }
  });
}

const POINTER_STEPS = new Set(['click', 'dblclick', 'contextmenu']);

/** The last pointer step (among the first `upTo`) that acts on the issue's element. */
export function attributeClickIssue(
  issue: ClickIssue,
  steps: readonly Step[],
  upTo = steps.length,
): ReplayClickIssue {
  let stepIndex: number | null = null;
  for (let i = Math.min(upTo, steps.length) - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (POINTER_STEPS.has(step.type) && selectsTarget(step, issue.target)) {
      stepIndex = i;
      break;
    }
  }
  return {
    type: issue.type,
    fingerprint: issue.fingerprint,
    target: describeTarget(issue.target),
    stepIndex,
  };
}
