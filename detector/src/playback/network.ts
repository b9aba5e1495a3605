import { z } from 'zod';

export const BodySchema = z.object({
  encoding: z.enum(['text', 'base64']),
  data: z.string(),
  mimeType: z.string().optional(),
  /** Replaced by a stand-in of the same shape, or left out, by privacy rules. */
  masked: z.boolean().default(false),
  /** Cut at the recorder's size limit. */
  truncated: z.boolean().default(false),
});
export type Body = z.infer<typeof BodySchema>;

/** Header names lower-cased. Authorization, Cookie and Set-Cookie are never kept. */
export const HeadersSchema = z.record(z.string(), z.string());

/** One message of a stream: an EventSource event the page received, or a WebSocket frame either way. */
export const StreamMessageSchema = z.object({
  /** ms from the start of the session. */
  t: z.number().min(0),
  /** `in`: the server sent it to the page; `out`: the page sent it (WebSocket only). */
  direction: z.enum(['in', 'out']),
  /** Text as sent; binary frames in base64 with `encoding: 'base64'`. */
  data: z.string(),
  encoding: z.enum(['text', 'base64']).default('text'),
  /** EventSource: the event's type (absent for `message`) and its id. */
  event: z.string().optional(),
  id: z.string().optional(),
});
export type StreamMessage = z.infer<typeof StreamMessageSchema>;

export const NetworkExchangeSchema = z.object({
  id: z.string(),
  /** Index of the step that caused it; null for requests the page made on its own. */
  stepIndex: z.number().int().min(0).nullable(),
  initiator: z.enum(['document', 'fetch', 'xhr', 'beacon', 'eventsource', 'websocket', 'other']),
  method: z.string().min(1),
  url: z.string(),
  request: z.object({ headers: HeadersSchema, body: BodySchema.nullable() }),
  /** Null when the request failed without a response (network error, abort). */
  response: z
    .object({
      status: z.number().int(),
      statusText: z.string().default(''),
      headers: HeadersSchema,
      body: BodySchema.nullable(),
    })
    .nullable(),
  error: z.string().optional(),
  timing: z.object({
    /** ms from the start of the session. */
    startT: z.number().min(0),
    durationMs: z.number().min(0),
  }),
  /** 0 for the first request with this method, URL and body; 1 for the next one; … */
  occurrence: z.number().int().min(0),
  /** EventSource and WebSocket exchanges: the messages of the stream, in the order they came. */
  messages: z.array(StreamMessageSchema).optional(),
  /** Trace and request ids seen in headers, for joining back-end logs. */
  traceId: z.string().optional(),
  requestId: z.string().optional(),
});
export type NetworkExchange = z.infer<typeof NetworkExchangeSchema>;
