import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BudgetExhaustedError, ByteBudget } from './byte-budget.js';
import { decodeContentEncoding, inflateRecordingWithin } from './decompress.js';

const text = Buffer.from('hello '.repeat(100_000));

describe('the ingest byte budget', () => {
  it('lets requests inflate within it and gives their bytes back on release', async () => {
    const budget = new ByteBudget(2_000_000);
    const lease = budget.lease();
    expect(await decodeContentEncoding(zlib.gzipSync(text), 'gzip', 1e7, lease)).toEqual(text);
    expect(await decodeContentEncoding(zlib.deflateRawSync(text), 'deflate', 1e7, lease)).toEqual(text);
    expect(budget.inUseBytes).toBe(2 * text.length);
    lease.release();
    expect(budget.inUseBytes).toBe(0);
  });

  it('answers 503 with Retry-After once requests together would pass it, and 413 past a request’s cap', async () => {
    const budget = new ByteBudget(1_000_000);
    const first = budget.lease();
    await decodeContentEncoding(zlib.gzipSync(Buffer.alloc(900_000)), 'gzip', 1e7, first);
    const second = budget.lease();
    const refused = decodeContentEncoding(zlib.gzipSync(Buffer.alloc(900_000)), 'gzip', 1e7, second);
    await expect(refused).rejects.toBeInstanceOf(BudgetExhaustedError);
    await expect(refused).rejects.toMatchObject({ statusCode: 503, headers: { 'retry-after': '1' } });
    second.release();
    expect(budget.inUseBytes).toBe(900_000);
    first.release();
    const bomb = zlib.deflateSync(Buffer.alloc(50_000_000));
    const lease = budget.lease();
    await expect(inflateRecordingWithin(bomb, 500_000, lease)).rejects.toMatchObject({
      statusCode: 413,
      message: 'recording inflates past 500000 bytes',
    });
    lease.release();
    expect(budget.inUseBytes).toBe(0);
  });

  it('refuses garbage with 400 and an unknown encoding with 415', async () => {
    const lease = new ByteBudget(1e6).lease();
    await expect(decodeContentEncoding(Buffer.from('x'), 'gzip', 1e6, lease)).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(decodeContentEncoding(Buffer.from('x'), 'zstd', 1e6, lease)).rejects.toMatchObject({
      statusCode: 415,
    });
  });
});
