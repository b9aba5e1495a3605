// Undoing compression with a hard cap on the output: a zip bomb ends in 413, never out of memory.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { badRequest, HttpError, payloadTooLarge } from '../errors.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

function isTooLarge(error: unknown): boolean {
  return (
    (error as { code?: string })?.code === 'ERR_BUFFER_TOO_LARGE' ||
    (error instanceof RangeError && /buffer|length/i.test(error.message))
  );
}

/** Decodes a body per its Content-Encoding (identity, gzip, x-gzip, deflate, br), capped at `maxOutputBytes`. */
export async function decodeContentEncoding(
  body: Buffer,
  contentEncoding: string | undefined,
  maxOutputBytes: number,
): Promise<Buffer> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  let out = body;
  // Encodings apply in order, so they come off in reverse.
  for (const encoding of encodings.reverse()) {
    out = await decodeOne(out, encoding, maxOutputBytes);
  }
  if (out.length > maxOutputBytes) throw payloadTooLarge(`body exceeds ${maxOutputBytes} bytes`);
  return out;
}

async function decodeOne(body: Buffer, encoding: string, maxOutputLength: number): Promise<Buffer> {
  const options = { maxOutputLength };
  try {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return await gunzip(body, options);
      case 'deflate':
        // HTTP's "deflate" is zlib-wrapped, but some clients send raw deflate.
        try {
          return await inflate(body, options);
        } catch (error) {
          if (isTooLarge(error)) throw error;
          return await inflateRaw(body, options);
        }
      case 'br':
        return await brotli(body, { maxOutputLength });
      default:
        throw new HttpError(415, `unsupported Content-Encoding: ${encoding}`);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (isTooLarge(error)) throw payloadTooLarge(`decompressed body exceeds ${maxOutputLength} bytes`);
    throw badRequest(`body is not valid ${encoding} data`);
  }
}

/** Inflates a zlib (or raw deflate) stream synchronously with a cap; for replay segments. */
export function inflateCapped(data: Uint8Array, maxOutputBytes: number): Buffer {
  try {
    return zlib.inflateSync(data, { maxOutputLength: maxOutputBytes });
  } catch (error) {
    if (isTooLarge(error)) throw payloadTooLarge(`recording inflates past ${maxOutputBytes} bytes`);
    try {
      return zlib.inflateRawSync(data, { maxOutputLength: maxOutputBytes });
    } catch (rawError) {
      if (isTooLarge(rawError)) throw payloadTooLarge(`recording inflates past ${maxOutputBytes} bytes`);
      throw badRequest('recording is neither JSON nor zlib data');
    }
  }
}

/** Async twin of inflateCapped, off the event loop. */
export async function inflateCappedAsync(data: Uint8Array, maxOutputBytes: number): Promise<Buffer> {
  try {
    return await inflate(data, { maxOutputLength: maxOutputBytes });
  } catch (error) {
    if (isTooLarge(error)) throw payloadTooLarge(`recording inflates past ${maxOutputBytes} bytes`);
    try {
      return await inflateRaw(data, { maxOutputLength: maxOutputBytes });
    } catch (rawError) {
      if (isTooLarge(rawError)) throw payloadTooLarge(`recording inflates past ${maxOutputBytes} bytes`);
      throw badRequest('recording is neither JSON nor zlib data');
    }
  }
}
