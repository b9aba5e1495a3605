import { randomBytes } from 'node:crypto';
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

  it('inflates a large body byte for byte into a block of its own, and a small one as it was', async () => {
    const lease = new ByteBudget(1e8).lease();
    // Past 1 MiB the output moves into one block: the bytes before and after the switch must all arrive.
    const large = Buffer.concat([text, randomBytes(3_000_001)]);
    const inflated = await decodeContentEncoding(zlib.gzipSync(large), 'gzip', 50_000_000, lease);
    expect(inflated.equals(large)).toBe(true);
    const small = randomBytes(5000);
    expect((await inflateRecordingWithin(zlib.deflateSync(small), 1e6, lease)).equals(small)).toBe(true);
  });

  it('asks for memory to be reclaimed once large bodies let go of it, never for small ones', async () => {
    let reclaims = 0;
    const budget = new ByteBudget(1e9, () => reclaims++);
    const big = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024));
    // Small bodies, however many, do not ask.
    for (let i = 0; i < 20; i++) {
      const lease = budget.lease();
      await decodeContentEncoding(zlib.gzipSync(text), 'gzip', 1e7, lease);
      lease.release();
    }
    expect(reclaims).toBe(0);
    // While others are in flight, 64 MiB of large bodies let go ask once…
    const inFlight = budget.lease();
    await decodeContentEncoding(zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024)), 'gzip', 1e8, inFlight);
    for (let i = 0; i < 4; i++) {
      const lease = budget.lease();
      await decodeContentEncoding(big, 'gzip', 1e8, lease);
      lease.release();
      expect(reclaims).toBe(i < 3 ? 0 : 1);
    }
    // …and the drain after a large body asks again, so the memory falls back when the flood ends.
    inFlight.release();
    expect(reclaims).toBe(2);
  });
});
