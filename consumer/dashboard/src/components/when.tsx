import { formatDateTime, formatRelative } from '../lib/format';

/** A time as people say it ("5 min ago"), the exact time on hover. */
export function When({ iso, prefix = '' }: { iso: string; prefix?: string }) {
  return (
    <time class="when" dateTime={iso} title={formatDateTime(iso)}>
      {prefix}
      {formatRelative(iso)}
    </time>
  );
}
