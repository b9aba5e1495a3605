import type { Target } from '../api/types';

/** The element the click landed on, as the SDK described it. */
export function TargetDetails({ target }: { target: Target }) {
  const rows: Array<[string, string | undefined]> = [
    ['Selector', target.selector],
    [
      'Element',
      target.role && target.role !== target.tagName
        ? `${target.tagName} (role ${target.role})`
        : target.tagName,
    ],
    ['Name', target.name],
    ['Text', target.text],
    ['Test id', target.testId],
    ['Id', target.id],
    ['Link', target.href],
    ['Component', target.component],
  ];
  return (
    <dl class="details" data-testid="target-details">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} class="details-row">
            <dt>{label}</dt>
            <dd class={label === 'Selector' || label === 'Link' ? 'mono' : ''}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
