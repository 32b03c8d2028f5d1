/**
 * Remembers which Project Ids a pass has seen, in a compact open-addressing table of 52-bit hashes
 * instead of a Set of strings: a million Ids take 16 MB instead of ~80 MB and the strings (and the
 * file chunks they may point into) are not kept alive.
 *
 * A false "seen" (two Ids with the same 52-bit hash, about 1 in 10,000 for a million Ids) is safe:
 * the pipeline then treats that Id as split and only does its exact, slower second pass.
 */
export class IdHashSet {
  private table = new Float64Array(1 << 16);
  private mask = this.table.length - 1;
  private count = 0;

  /** Adds the Id; returns true when it (or an Id with the same hash) was there already. */
  addSeen(id: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    // 32 bits + 20 bits = 52 bits, exactly representable in a double; never 0 (the empty slot).
    const key = (h1 >>> 0) * 0x100000 + ((h2 >>> 12) & 0xfffff) + 1;
    let slot = slotOf(key, this.mask);
    for (;;) {
      const v = this.table[slot]!;
      if (v === 0) break;
      if (v === key) return true;
      slot = (slot + 1) & this.mask;
    }
    this.table[slot] = key;
    if (++this.count * 2 > this.table.length) this.grow();
    return false;
  }

  /** The table itself (to send to another thread: see sharesAny). */
  get keys(): Float64Array {
    return this.table;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    for (const key of old) {
      if (key === 0) continue;
      let slot = slotOf(key, this.mask);
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = key;
    }
  }
}

/** The slot depends on the key alone, so growing the table can re-place keys without the Ids. */
function slotOf(key: number, mask: number): number {
  const hi = (key / 0x100000) | 0;
  const lo = key % 0x100000;
  return (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
}

/** Whether two tables (IdHashSet.keys, e.g. of two halves of a file) hold any Id in common. */
export function sharesAny(a: Float64Array, b: Float64Array): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const mask = large.length - 1;
  for (const key of small) {
    if (key === 0) continue;
    for (let slot = slotOf(key, mask); large[slot] !== 0; slot = (slot + 1) & mask) {
      if (large[slot] === key) return true;
    }
  }
  return false;
}
