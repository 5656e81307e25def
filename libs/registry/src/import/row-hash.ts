/**
 * A row's imported values as a 64-bit hash (registry_person.row_hash, migration 1764001390000): two
 * 32-bit FNV-1a hashes with different offsets over the UTF-16 code units of the row's COPY text (its
 * values, tab-separated, as the loader sends them), each finished with murmur3's mixer. Rows hash equal
 * only when their text is equal, or about once in 2^64 otherwise.
 */
export interface Hash64 {
  hi: number;
  lo: number;
}

export function rowHash(text: string): Hash64 {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return { hi: mix(a), lo: mix(b ^ text.length) };
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The hash as PostgreSQL bigint text (signed decimal), for COPY. */
export function hashText(h: Hash64): string {
  return BigInt.asIntN(64, (BigInt(h.hi >>> 0) << 32n) | BigInt(h.lo >>> 0)).toString();
}

/** A hash as PostgreSQL's to_hex(bigint) writes it (two's complement, no leading zeros). */
export function hashFromHex(hex: string): Hash64 {
  const lo = hex.length > 8 ? hex.slice(-8) : hex;
  const hi = hex.length > 8 ? hex.slice(0, -8) : '0';
  return { hi: parseInt(hi, 16) | 0, lo: parseInt(lo, 16) | 0 };
}

/**
 * A set of 64-bit hashes in two Int32Arrays (open addressing, doubled when half full): the campaign's
 * 1.2 M row hashes in 32 MB at most and no object per hash. (0, 0) marks an empty slot and is stored as (0, 1).
 */
export class HashSet64 {
  private hi: Int32Array;
  private lo: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(capacity * 2, 16)));
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  add(h: Hash64): void {
    const lo = h.hi === 0 && h.lo === 0 ? 1 : h.lo;
    if (this.place(h.hi, lo)) if (++this.count * 2 > this.mask + 1) this.grow();
  }

  has(h: Hash64): boolean {
    const lo = h.hi === 0 && h.lo === 0 ? 1 : h.lo;
    for (let i = (lo ^ h.hi) & this.mask; ; i = (i + 1) & this.mask) {
      if (this.hi[i] === h.hi && this.lo[i] === lo) return true;
      if (this.hi[i] === 0 && this.lo[i] === 0) return false;
    }
  }

  private place(hi: number, lo: number): boolean {
    for (let i = (lo ^ hi) & this.mask; ; i = (i + 1) & this.mask) {
      if (this.hi[i] === hi && this.lo[i] === lo) return false;
      if (this.hi[i] === 0 && this.lo[i] === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        return true;
      }
    }
  }

  private grow(): void {
    const [hi, lo] = [this.hi, this.lo];
    this.hi = new Int32Array(hi.length * 2);
    this.lo = new Int32Array(lo.length * 2);
    this.mask = this.hi.length - 1;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.place(hi[i], lo[i]);
  }
}
