import type { NetworkExchange } from '@playback/detector';
import { normalizeBody } from './request-key.js';

function queryOf(url: string): URLSearchParams {
  try {
    return new URL(url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

/** Query parameters that differ, as `page=2 ≠ 1`. */
function queryDifferences(made: string, recorded: string): string[] {
  const a = queryOf(made);
  const b = queryOf(recorded);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names
    .filter((name) => a.getAll(name).join(',') !== b.getAll(name).join(','))
    .map(
      (name) => `${name}=${a.getAll(name).join(',') || '(none)'} ≠ ${b.getAll(name).join(',') || '(none)'}`,
    );
}

function jsonOf(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Top-level JSON fields whose values differ. */
function bodyDifferences(made: string | null, recorded: string | undefined): string[] {
  if (normalizeBody(made) === normalizeBody(recorded)) return [];
  const a = jsonOf(made);
  const b = jsonOf(recorded);
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return ['body differs'];
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])]
    .filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key]))
    .sort();
  return [
    `body field${fields.length === 1 ? '' : 's'} ${fields.join(', ')} differ${fields.length === 1 ? 's' : ''}`,
  ];
}

/** How far a request is from the recorded exchange that answered it, in words: what differs. */
export function describeDistance(
  request: { url: string; body: string | null },
  exchange: Pick<NetworkExchange, 'url' | 'request'>,
): string {
  const differences = [
    ...queryDifferences(request.url, exchange.url).map((d) => `query ${d}`),
    ...bodyDifferences(request.body, exchange.request.body?.data),
  ];
  return differences.length > 0 ? differences.join('; ') : 'same request, answer reused';
}
