/**
 * Small, fast, non-cryptographic string hashing for grouping keys and
 * deterministic ids. Four independently seeded 32-bit lanes (FNV-1a style
 * multiply, then an avalanche mix) give 128 bits.
 */
const FNV_PRIME = 0x01000193;
const LANE_SEEDS = [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35] as const;

function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

function lanes(input: string): number[] {
  const out: number[] = [];
  for (const [lane, seed] of LANE_SEEDS.entries()) {
    let h: number = seed;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
    // Fold the length and lane in so lanes differ even on short inputs.
    h ^= input.length + lane * 0x27d4eb2f;
    out.push(mix(h));
  }
  return out;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** 64-bit hash as 16 hex characters. */
export function hash64(input: string): string {
  const [a, b] = lanes(input);
  return hex8(a!) + hex8(b!);
}

/** A UUID (version 8, the RFC 9562 custom layout) derived from `input`: same input, same id. */
export function uuidFromString(input: string): string {
  const hex = lanes(input).map(hex8).join('');
  const version = `8${hex.slice(13, 16)}`;
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}-${variant}-${hex.slice(20, 32)}`;
}
