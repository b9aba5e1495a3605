import type { PlaybackFile } from '@playback/detector';
import type { DsnParts } from '../report/dsn.js';
import { SDK_NAME, SDK_VERSION } from '../shared/constants.js';
import { KEEPALIVE_MAX_BYTES } from './constants.js';

/** `{DSN origin}/api/{projectId}/playback/?sentry_key=…`: the consumer's upload route, authenticated by query. */
export function playbackEndpointFromDsn(dsn: DsnParts): string {
  const port = dsn.port ? `:${dsn.port}` : '';
  const path = dsn.path ? `/${dsn.path}` : '';
  const query = new URLSearchParams({ sentry_client: `${SDK_NAME}/${SDK_VERSION}` });
  if (dsn.publicKey) query.set('sentry_key', dsn.publicKey);
  return `${dsn.protocol}://${dsn.host}${port}${path}/api/${dsn.projectId}/playback/?${query.toString()}`;
}

async function gzip(text: string): Promise<ArrayBuffer | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

export interface UploadResult {
  ok: boolean;
  /** HTTP status; 0 when the request failed before an answer. */
  status: number;
  gzip: boolean;
}

/**
 * POSTs a playback file as JSON, gzip-compressed (`Content-Encoding: gzip`)
 * when the browser has CompressionStream. When the page is going away there
 * is no time to compress: the file goes as it is, with `keepalive` when it
 * fits the browser's 64 KiB allowance.
 */
export async function uploadPlaybackFile(
  url: string,
  file: PlaybackFile,
  options: { fetch: typeof fetch; leaving: boolean },
): Promise<UploadResult> {
  const json = JSON.stringify(file);
  const compressed = options.leaving ? null : await gzip(json).catch(() => null);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (compressed) headers['content-encoding'] = 'gzip';
  const body = compressed ?? json;
  const size = compressed ? compressed.byteLength : new Blob([json]).size;
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers,
      body,
      keepalive: options.leaving && size <= KEEPALIVE_MAX_BYTES,
      credentials: 'omit',
    });
    return { ok: response.ok, status: response.status, gzip: compressed !== null };
  } catch {
    return { ok: false, status: 0, gzip: compressed !== null };
  }
}
