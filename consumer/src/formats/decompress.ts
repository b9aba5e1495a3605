// Undoing compression with a hard cap on the output: a zip bomb ends in 413, never out of memory.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { badRequest, HttpError, payloadTooLarge } from '../errors.js';
import type { BudgetLease } from './byte-budget.js';
import { InflatedOutput } from './inflated-output.js';

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

/**
 * Decodes a body per its Content-Encoding (identity, gzip, x-gzip, deflate, br), capped at `maxOutputBytes`.
 * With a lease, the output is inflated as a stream and each chunk is taken from the shared budget first.
 */
export async function decodeContentEncoding(
  body: Buffer,
  contentEncoding: string | undefined,
  maxOutputBytes: number,
  lease?: BudgetLease,
): Promise<Buffer> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  let out = body;
  // Encodings apply in order, so they come off in reverse.
  for (const encoding of encodings.reverse()) {
    out = lease
      ? await decodeStreaming(out, encoding, maxOutputBytes, lease)
      : await decodeOne(out, encoding, maxOutputBytes);
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

function decoderFor(encoding: string): (() => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress) | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return () => zlib.createGunzip();
    case 'deflate':
      return () => zlib.createInflate();
    case 'br':
      return () => zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Inflates `data` chunk by chunk: past `cap` it is a 413, past the shared budget a 503; it stops at once. */
function inflateStreaming(
  data: Uint8Array,
  create: () => zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress,
  cap: number,
  lease: BudgetLease,
  tooLarge: string,
  notValid: string,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = create();
    const output = new InflatedOutput(cap);
    let done = false;
    const fail = (error: unknown) => {
      if (done) return;
      done = true;
      stream.destroy();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      if (output.length + chunk.length > cap) return fail(payloadTooLarge(tooLarge));
      try {
        lease.take(chunk.length);
      } catch (error) {
        return fail(error);
      }
      output.append(chunk);
    });
    stream.on('error', () => fail(badRequest(notValid)));
    stream.on('end', () => {
      if (done) return;
      done = true;
      resolve(output.bytes());
    });
    stream.end(data);
  });
}

async function decodeStreaming(
  body: Buffer,
  encoding: string,
  cap: number,
  lease: BudgetLease,
): Promise<Buffer> {
  const create = decoderFor(encoding);
  if (!create) throw new HttpError(415, `unsupported Content-Encoding: ${encoding}`);
  const tooLarge = `decompressed body exceeds ${cap} bytes`;
  const notValid = `body is not valid ${encoding} data`;
  try {
    return await inflateStreaming(body, create, cap, lease, tooLarge, notValid);
  } catch (error) {
    // HTTP's "deflate" is zlib-wrapped, but some clients send raw deflate.
    if (encoding !== 'deflate' || (error as HttpError).statusCode !== 400) throw error;
    return inflateStreaming(body, () => zlib.createInflateRaw(), cap, lease, tooLarge, notValid);
  }
}

/** A replay segment's zlib layer, inflated as a stream within the request's budget lease. */
export async function inflateRecordingWithin(
  data: Uint8Array,
  cap: number,
  lease: BudgetLease,
): Promise<Buffer> {
  const tooLarge = `recording inflates past ${cap} bytes`;
  const notValid = 'recording is neither JSON nor zlib data';
  try {
    return await inflateStreaming(data, () => zlib.createInflate(), cap, lease, tooLarge, notValid);
  } catch (error) {
    if ((error as HttpError).statusCode !== 400) throw error;
    return inflateStreaming(data, () => zlib.createInflateRaw(), cap, lease, tooLarge, notValid);
  }
}

/**
 * The first bytes of a body after its Content-Encoding, at most `maxBytes`: enough to read an envelope's
 * header line (and the key in its `dsn`) before the whole body is inflated. Null when stacked encodings
 * make a prefix impractical.
 */
export function decodePrefix(
  body: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer | null> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  if (encodings.length === 0) return Promise.resolve(body.subarray(0, maxBytes));
  const create = encodings.length === 1 ? decoderFor(encodings[0]!) : null;
  if (!create) return Promise.resolve(null);
  return new Promise((resolve) => {
    const stream = create();
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stream.destroy();
      resolve(Buffer.concat(chunks).subarray(0, maxBytes));
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= maxBytes || chunk.includes(0x0a)) finish();
    });
    stream.on('error', finish);
    stream.on('end', finish);
    stream.end(body);
  });
}
