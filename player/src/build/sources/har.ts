import type { Body, NetworkExchange } from '@playback/detector';
import { z } from 'zod';
import { isStaticAsset } from '../../network/static-asset.js';
import { safeHeaders } from './secret-headers.js';
import { BuildSourceError } from './source-error.js';
import { traceIds } from './trace-ids.js';

// The parts of HAR 1.2 the builder reads; everything else is allowed and ignored.
const HarHeaderSchema = z.object({ name: z.string(), value: z.string() });
const HarEntrySchema = z.object({
  startedDateTime: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date (ISO 8601)'),
  time: z.number(),
  _resourceType: z.string().optional(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.array(HarHeaderSchema),
    postData: z.object({ mimeType: z.string().optional(), text: z.string().optional() }).optional(),
  }),
  response: z.object({
    status: z.number(),
    statusText: z.string().default(''),
    headers: z.array(HarHeaderSchema),
    content: z.object({
      mimeType: z.string().optional(),
      text: z.string().optional(),
      encoding: z.string().optional(),
    }),
  }),
});
export const HarSchema = z.object({
  log: z.object({
    version: z.string().optional(),
    creator: z.object({ name: z.string() }).optional(),
    pages: z.array(z.object({ startedDateTime: z.string(), title: z.string().optional() })).optional(),
    entries: z.array(HarEntrySchema),
  }),
});
export type Har = z.infer<typeof HarSchema>;

export interface HarExchange {
  /** Epoch ms. */
  startedAt: number;
  exchange: Omit<NetworkExchange, 'timing' | 'occurrence' | 'stepIndex'> & { durationMs: number };
  /** A page load: it becomes a navigate step. */
  isDocument: boolean;
  /** A document, script, style, image, font or source map: the dev server's, never part of the file. */
  isAsset: boolean;
}

function initiatorOf(entry: z.infer<typeof HarEntrySchema>): NetworkExchange['initiator'] {
  switch (entry._resourceType) {
    case 'document':
      return 'document';
    case 'fetch':
      return 'fetch';
    case 'xhr':
      return 'xhr';
    case 'ping':
    case 'beacon':
      return 'beacon';
    default:
      return 'other';
  }
}

function bodyOf(text: string | undefined, mimeType: string | undefined, base64: boolean): Body | null {
  if (text === undefined || text === '') return null;
  return {
    encoding: base64 ? 'base64' : 'text',
    data: text,
    ...(mimeType ? { mimeType } : {}),
    masked: false,
    truncated: false,
  };
}

function headerValue(headers: Array<{ name: string; value: string }>, name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** HAR versions this reader knows: 1.1 and 1.2 (the same shape for what it reads). */
const HAR_MAJOR_VERSION = 1;

/**
 * Every request from a HAR file, each told apart as page load, static asset or API call (Chromium DevTools, Playwright's recordHar, proxies).
 * A HAR of a newer major version, or one whose fields have the wrong types, is refused with
 * the path inside the file.
 */
export function readHar(input: unknown, name: string): HarExchange[] {
  const parsed = HarSchema.safeParse(input);
  if (!parsed.success) throw BuildSourceError.fromZod(name, parsed.error);
  const har = parsed.data;
  const version = har.log.version;
  if (version !== undefined && Number.parseInt(version, 10) > HAR_MAJOR_VERSION) {
    throw new BuildSourceError(
      name,
      'log.version',
      `HAR ${version} is newer than this reader (it reads HAR ${HAR_MAJOR_VERSION}.x); upgrade Playback`,
    );
  }
  const idPrefix = `har${name}`;
  return har.log.entries.map((entry, index) => {
    const initiator = initiatorOf(entry);
    const mimeType = entry.response.content.mimeType ?? headerValue(entry.response.headers, 'content-type');
    return {
      startedAt: Date.parse(entry.startedDateTime),
      isDocument: initiator === 'document',
      isAsset: isStaticAsset({ resourceType: entry._resourceType, url: entry.request.url, mimeType }),
      exchange: {
        id: `${idPrefix}-${index}`,
        initiator,
        method: entry.request.method,
        url: entry.request.url,
        request: {
          headers: safeHeaders(entry.request.headers),
          body: bodyOf(entry.request.postData?.text, entry.request.postData?.mimeType, false),
        },
        response: {
          status: entry.response.status,
          statusText: entry.response.statusText,
          headers: safeHeaders(entry.response.headers),
          body: bodyOf(
            entry.response.content.text,
            entry.response.content.mimeType,
            entry.response.content.encoding === 'base64',
          ),
        },
        durationMs: Math.max(0, entry.time),
        ...traceIds(entry),
      },
    };
  });
}
