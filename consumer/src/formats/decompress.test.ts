import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors.js';
import { decodeContentEncoding, inflateCapped } from './decompress.js';

const text = Buffer.from('hello '.repeat(100));

describe('decodeContentEncoding', () => {
  it('undoes gzip, zlib and raw deflate, br, and stacked encodings', async () => {
    expect(await decodeContentEncoding(zlib.gzipSync(text), 'gzip', 1e6)).toEqual(text);
    expect(await decodeContentEncoding(zlib.deflateSync(text), 'deflate', 1e6)).toEqual(text);
    expect(await decodeContentEncoding(zlib.deflateRawSync(text), 'deflate', 1e6)).toEqual(text);
    expect(await decodeContentEncoding(zlib.brotliCompressSync(text), 'br', 1e6)).toEqual(text);
    const both = zlib.brotliCompressSync(zlib.gzipSync(text));
    expect(await decodeContentEncoding(both, 'gzip, br', 1e6)).toEqual(text);
    expect(await decodeContentEncoding(text, 'identity', 1e6)).toEqual(text);
  });

  it('stops a bomb at the cap with 413 and refuses garbage with 400', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(10_000_000));
    await expect(decodeContentEncoding(bomb, 'gzip', 1_000_000)).rejects.toMatchObject({ statusCode: 413 });
    await expect(decodeContentEncoding(Buffer.from('x'), 'br', 1e6)).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(decodeContentEncoding(text, undefined, 10)).rejects.toBeInstanceOf(HttpError);
    expect(() => inflateCapped(zlib.deflateSync(Buffer.alloc(1e6)), 1000)).toThrow(/inflates past 1000/);
  });
});
