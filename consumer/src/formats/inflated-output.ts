// Where a streamed inflate puts its output. zlib hands out 16 KB chunks, and glibc serves those from its
// main heap, which only shrinks from the top: a flood of large bodies, even refused ones, would leave that
// heap at its peak for good. So past the first MiB the output is copied into one block large enough that
// glibc maps it on its own (above its largest dynamic mmap threshold, 32 MiB) and unmaps it when freed,
// and each 16 KB chunk dies at once, its heap slot reused by the next.

/** Output up to this size stays in zlib's own chunks: the common small body costs no copy. */
const SMALL_OUTPUT_BYTES = 1024 * 1024;
/** A block this large is always its own mapping (glibc's DEFAULT_MMAP_THRESHOLD_MAX is 32 MiB). */
const OWN_MAPPING_BYTES = 32 * 1024 * 1024 + 64 * 1024;

export class InflatedOutput {
  private chunks: Buffer[] = [];
  private block: Buffer | null = null;
  private total = 0;

  /** `cap`: the most this output may hold (the caller refuses past it). */
  constructor(private readonly cap: number) {}

  get length(): number {
    return this.total;
  }

  append(chunk: Buffer): void {
    if (!this.block && this.total + chunk.length > SMALL_OUTPUT_BYTES) {
      // Untouched pages of the block cost no memory: only what is written becomes resident.
      this.block = Buffer.allocUnsafeSlow(Math.max(this.cap, OWN_MAPPING_BYTES));
      let at = 0;
      for (const held of this.chunks) at += held.copy(this.block, at);
      this.chunks = [];
    }
    if (this.block) chunk.copy(this.block, this.total);
    else this.chunks.push(chunk);
    this.total += chunk.length;
  }

  bytes(): Buffer {
    return this.block ? this.block.subarray(0, this.total) : Buffer.concat(this.chunks, this.total);
  }
}
