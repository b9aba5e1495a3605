/** W3C traceparent or Sentry's sentry-trace give the trace id; x-request-id the request id. */
export function traceIds(entry: {
  request: { headers: { name: string; value: string }[] };
  response: { headers: { name: string; value: string }[] };
}): { traceId?: string; requestId?: string } {
  const find = (headers: { name: string; value: string }[], name: string) =>
    headers.find((h) => h.name.toLowerCase() === name)?.value;
  const all = [...entry.request.headers, ...entry.response.headers];
  const traceparent = find(all, 'traceparent');
  const sentryTrace = find(all, 'sentry-trace');
  const traceId = traceparent?.split('-')[1] ?? sentryTrace?.split('-')[0];
  const requestId = find(all, 'x-request-id') ?? find(all, 'request-id');
  return { ...(traceId ? { traceId } : {}), ...(requestId ? { requestId } : {}) };
}
