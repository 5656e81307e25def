/**
 * Which entry keys one import file repeats, for 1.2 M rows in 16 MB (24 MB while the table doubles)
 * and without a string per key.
 * A key is an ID number or a USCC; its first 17 characters decide it (the 18th is their check
 * character). Each key is held as a 32-bit hash in an open-addressing table that doubles when half
 * full, so `add` never misses a repeated key but may answer "seen" for a new key whose hash equals an
 * earlier key's (about n / 4.3 billion per key: some 150 of 1.2 M distinct keys). The caller treats
 * "seen" as "check this key", never as proof: the load deletes only rows whose key really repeats.
 */
export class KeySet {
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(capacity, 16)));
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the key's hash; answers false if that hash was already there (the key, or rarely another). */
  add(key: string): boolean {
    let h = 0x811c9dc5; // FNV-1a over the 17 characters, then murmur3's finaliser
    for (let i = 0; i < 17; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    if (!this.insert(h === 0 ? 1 : h)) return false; // 0 marks an empty slot
    if (++this.count * 2 > this.mask + 1) this.grow();
    return true;
  }

  /** The hash is its own home slot (its low bits), so a grown table re-places it without the key. */
  private insert(h: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = slots[i];
      if (s === 0) {
        slots[i] = h;
        return true;
      }
      if (s === h) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.insert(old[i]);
  }
}
