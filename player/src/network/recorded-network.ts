import type { NetworkExchange } from '@playback/detector';
import { describeDistance } from './request-distance.js';
import { normalizeBody, normalizeRequestUrl } from './request-key.js';
import { isStaticAsset } from './static-asset.js';

export type NetworkMode = 'strict' | 'fallback' | 'passthrough';

export interface OutgoingRequest {
  method: string;
  url: string;
  body: string | null;
}

export type MatchResult =
  | {
      kind: 'exact';
      exchange: NetworkExchange;
      /** Set when the app made this request more often than the recording did: the last answer was repeated. */
      beyondRecording?: { made: number; recorded: number };
    }
  | { kind: 'fallback'; exchange: NetworkExchange; reason: string }
  | { kind: 'unmatched' };

/** Recorded exchanges a replay answers: API calls, not the page's own documents and assets. */
const isAnswerable = (exchange: NetworkExchange) =>
  exchange.initiator !== 'document' &&
  // WebSockets are answered by answerWebSockets, frame by frame.
  exchange.initiator !== 'websocket' &&
  !(
    exchange.initiator === 'other' &&
    isStaticAsset({ url: exchange.url, mimeType: exchange.response?.headers['content-type'] })
  );

/**
 * The recording's exchanges, answering the replayed app's requests. A request
 * matches by method, normalized URL and body; identical requests get their
 * recorded responses in the order they were recorded (the third GET /api/cart
 * gets the third recorded answer). Once a sequence runs out, its last answer repeats.
 */
export class RecordedNetwork {
  private readonly byKey = new Map<string, NetworkExchange[]>();
  private readonly byPath = new Map<string, NetworkExchange[]>();
  private readonly served = new Map<string, number>();
  private readonly used = new Set<string>();

  constructor(
    private readonly exchanges: readonly NetworkExchange[],
    private readonly appOrigins: readonly string[],
  ) {
    const ordered = [...exchanges].sort((a, b) => a.timing.startT - b.timing.startT);
    for (const exchange of ordered) {
      if (!isAnswerable(exchange)) continue;
      push(this.byKey, this.keyOf(exchange.method, exchange.url, exchange.request.body?.data), exchange);
      push(this.byPath, this.pathKeyOf(exchange.method, exchange.url), exchange);
    }
  }

  match(request: OutgoingRequest, mode: NetworkMode): MatchResult {
    const key = this.keyOf(request.method, request.url, request.body);
    const sequence = this.byKey.get(key);
    if (sequence && sequence.length > 0) {
      const served = this.served.get(key) ?? 0;
      this.served.set(key, served + 1);
      const exchange = sequence[Math.min(served, sequence.length - 1)]!;
      this.used.add(exchange.id);
      if (served < sequence.length) return { kind: 'exact', exchange };
      return { kind: 'exact', exchange, beyondRecording: { made: served + 1, recorded: sequence.length } };
    }
    if (mode === 'fallback') {
      const near = this.byPath.get(this.pathKeyOf(request.method, request.url));
      if (near && near.length > 0) {
        const exchange = near.find((e) => !this.used.has(e.id)) ?? near[near.length - 1]!;
        this.used.add(exchange.id);
        const distance = describeDistance(request, exchange);
        return {
          kind: 'fallback',
          exchange,
          reason: `nearest recorded ${exchange.method} ${exchange.url} (${distance})`,
        };
      }
    }
    return { kind: 'unmatched' };
  }

  /** Recorded exchanges the replay never asked for (a request the new code no longer makes). */
  notRequested(): NetworkExchange[] {
    return this.exchanges.filter((e) => isAnswerable(e) && !this.used.has(e.id));
  }

  private keyOf(method: string, url: string, body: string | null | undefined): string {
    return `${method.toUpperCase()} ${normalizeRequestUrl(url, this.appOrigins)} ${normalizeBody(body)}`;
  }

  private pathKeyOf(method: string, url: string): string {
    const normalized = normalizeRequestUrl(url, this.appOrigins);
    return `${method.toUpperCase()} ${normalized.split('?')[0]}`;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
