/** One request as a back-end logged it, whatever the logger named its fields. */
export interface BackendLogEntry {
  /** Epoch ms. */
  t: number;
  traceId?: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  responseBody?: string;
  line: number;
}

const pick = (record: Record<string, unknown>, names: string[]): unknown => {
  for (const name of names) {
    const parts = name.split('.');
    let value: unknown = record;
    for (const part of parts)
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
};

function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value; // seconds or ms
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function pathOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value, 'http://log.invalid');
    return `${url.pathname}${url.search}`;
  } catch {
    return value;
  }
}

export interface BackendLogRead {
  entries: BackendLogEntry[];
  /** Lines that were not JSON or had no time: skipped, counted. */
  skipped: number;
}

/**
 * Reads JSON-lines logs (pino, winston, bunyan, Express/Fastify access logs, …):
 * time, trace id, request id, method, path, status and response body, under
 * the names those loggers commonly use.
 */
export function readBackendLog(text: string): BackendLogRead {
  const entries: BackendLogEntry[] = [];
  let skipped = 0;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    let record: Record<string, unknown>;
    try {
      const parsed = JSON.parse(line);
      if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
      record = parsed;
    } catch {
      skipped++;
      continue;
    }
    const t = toEpochMs(pick(record, ['time', 'timestamp', 'ts', '@timestamp', 'date']));
    if (t === undefined) {
      skipped++;
      continue;
    }
    const body = pick(record, ['responseBody', 'response_body', 'res.body', 'response.body', 'body']);
    const status = pick(record, ['status', 'statusCode', 'status_code', 'res.statusCode', 'response.status']);
    const entry: BackendLogEntry = { t, line: index + 1 };
    const traceId = pick(record, ['traceId', 'trace_id', 'trace.id', 'sentry_trace_id']);
    const requestId = pick(record, ['requestId', 'request_id', 'reqId', 'req.id', 'req_id']);
    const method = pick(record, ['method', 'req.method', 'request.method', 'http.method']);
    const path = pathOf(pick(record, ['path', 'url', 'req.url', 'request.url', 'http.target']));
    if (typeof traceId === 'string') entry.traceId = traceId;
    if (typeof requestId === 'string' || typeof requestId === 'number') entry.requestId = String(requestId);
    if (typeof method === 'string') entry.method = method.toUpperCase();
    if (path) entry.path = path;
    if (typeof status === 'number') entry.status = status;
    if (body !== undefined) entry.responseBody = typeof body === 'string' ? body : JSON.stringify(body);
    entries.push(entry);
  }
  return { entries, skipped };
}
