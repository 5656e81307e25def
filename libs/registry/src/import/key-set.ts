/**
 * The set of entry keys seen in one import file, for a 1.2 M-row file in about 32 MB and without a
 * string per key. A key is an ID number or a USCC; its first 17 characters (digits and capital
 * letters) decide it, the 18th being their check character, so they are held exactly as two numbers
 * in base 36 (9 characters < 36^9 ≈ 1.0e14 and 8 characters < 36^8 ≈ 2.8e12, both below 2^53), in an
 * open-addressing table of [high, low] pairs that doubles when three quarters full.
 */
export class KeySet {
  private slots: Float64Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(capacity, 16)));
    this.slots = new Float64Array(size * 2).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the key (at least 17 characters of 0-9 and A-Z); answers false if it was already in the set. */
  add(key: string): boolean {
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < 9; i++) hi = hi * 36 + digit(key.charCodeAt(i));
    for (let i = 9; i < 17; i++) lo = lo * 36 + digit(key.charCodeAt(i));
    if (!this.insert(hi, lo)) return false;
    if (++this.count * 4 > (this.mask + 1) * 3) this.grow();
    return true;
  }

  private insert(hi: number, lo: number): boolean {
    const slots = this.slots;
    for (let i = slot(hi, lo) & this.mask; ; i = (i + 1) & this.mask) {
      const h = slots[2 * i];
      if (h === -1) {
        slots[2 * i] = hi;
        slots[2 * i + 1] = lo;
        return true;
      }
      if (h === hi && slots[2 * i + 1] === lo) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(-1);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.insert(old[i], old[i + 1]);
  }
}

/** '0'-'9' -> 0-9, 'A'-'Z' -> 10-35. */
function digit(c: number): number {
  return c <= 57 ? c - 48 : c - 55;
}

/** A 32-bit mix of both numbers' low and high words (murmur3's finaliser). */
function slot(hi: number, lo: number): number {
  let h = (hi >>> 0) ^ Math.imul(lo >>> 0, 0x9e3779b1) ^ ((hi / 4294967296) | 0) ^ Math.imul((lo / 4294967296) | 0, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
