// The latest occurrences of an issue; choosing one shows its evidence.
import type { OccurrenceView } from '../api/types';
import { formatDuration, shortId } from '../lib/format';
import { PathLabel } from './path-label';
import { When } from './when';

export function OccurrenceList({
  occurrences,
  selected,
  onSelect,
}: {
  occurrences: OccurrenceView[];
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <table class="table occurrences-table" data-testid="occurrences">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Path</th>
          <th scope="col">Session</th>
          <th scope="col">Replay</th>
          <th scope="col" class="col-num">
            Waited
          </th>
          <th scope="col">Page</th>
        </tr>
      </thead>
      <tbody>
        {occurrences.map((o) => (
          <tr
            key={o.id}
            class={o.id === selected ? 'selectable selected' : 'selectable'}
            aria-selected={o.id === selected}
            tabIndex={0}
            onClick={() => onSelect(o.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(o.id);
              }
            }}
          >
            <td>
              <When iso={o.occurredAt} />
            </td>
            <td>
              <PathLabel path={o.path} />
            </td>
            <td class="mono" title={o.sessionId ?? ''}>
              {o.sessionId ? shortId(o.sessionId, 18) : '—'}
            </td>
            <td class="mono" title={o.replayId ?? ''}>
              {o.replayId ? shortId(o.replayId) : '—'}
            </td>
            <td class="col-num">{formatDuration(o.timeAfterClickMs)}</td>
            <td class="mono ellipsis" title={o.url}>
              {o.url}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
