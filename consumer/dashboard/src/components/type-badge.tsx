import type { ClickIssueType } from '../api/types';

export const TYPE_LABELS: Record<ClickIssueType, string> = {
  dead: 'Dead',
  slow: 'Slow',
  rage: 'Rage',
  error: 'Error',
};

/** What each type means, for tooltips and filters. */
export const TYPE_DESCRIPTIONS: Record<ClickIssueType, string> = {
  dead: 'No visible reaction before the timeout',
  slow: 'The reaction came, but after the slow threshold',
  rage: 'Clicked again and again while it waited',
  error: 'An uncaught error right after the click',
};

export function TypeBadge({ type }: { type: ClickIssueType }) {
  return (
    <span class={`badge badge-${type}`} title={TYPE_DESCRIPTIONS[type]} data-type={type}>
      {TYPE_LABELS[type] ?? type}
    </span>
  );
}
