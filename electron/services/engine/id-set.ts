/**
 * Project Ids as 52-bit keys in a compact open-addressing table instead of a Set of strings: a
 * million Ids take 24 MB instead of ~80 MB, keep no string (or the file text it points into)
 * alive, and the table can be handed to another thread as two typed arrays.
 *
 * Two Ids with the same key (about 1 in 10,000 for a million Ids) are only ever treated alike in a
 * safe direction: their projects are put together from all their rows at the end (pipeline.ts),
 * where rows are matched by the Id itself.
 */

/** The key of an Id: never 0 (0 means "no Id"). */
export function idKey(id: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  // 32 bits + 20 bits = 52 bits, exactly representable in a double.
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 12) & 0xfffff) + 1;
}

/** Keys to whole numbers (a row, a count, a pile) in an open-addressing table (a million take ~24 MB). */
export class IdMap {
  private table: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  /** `tables`: another IdMap's (its `tables`), to look up in. */
  constructor(tables?: { keys: Float64Array; values: Int32Array }) {
    this.table = tables?.keys ?? new Float64Array(1 << 12);
    this.values = tables?.values ?? new Int32Array(1 << 12);
    this.mask = this.table.length - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The key's value, or -1 when it is absent. */
  get(key: number): number {
    for (let slot = slotOf(key, this.mask); ; slot = (slot + 1) & this.mask) {
      const v = this.table[slot]!;
      if (v === key) return this.values[slot]!;
      if (v === 0) return -1;
    }
  }

  /** The key's value; when absent, `value` is stored for it and -1 returned. */
  getOrAdd(key: number, value: number): number {
    let slot = slotOf(key, this.mask);
    for (;;) {
      const v = this.table[slot]!;
      if (v === 0) break;
      if (v === key) return this.values[slot]!;
      slot = (slot + 1) & this.mask;
    }
    this.table[slot] = key;
    this.values[slot] = value;
    if (++this.count * 2 > this.table.length) this.grow();
    return -1;
  }

  set(key: number, value: number): void {
    let slot = slotOf(key, this.mask);
    while (this.table[slot] !== 0 && this.table[slot] !== key) slot = (slot + 1) & this.mask;
    if (this.table[slot] === key) {
      this.values[slot] = value;
      return;
    }
    this.table[slot] = key;
    this.values[slot] = value;
    if (++this.count * 2 > this.table.length) this.grow();
  }

  /** Every key with its value, in no particular order. */
  *entries(): Generator<[number, number]> {
    for (let i = 0; i < this.table.length; i++) if (this.table[i] !== 0) yield [this.table[i]!, this.values[i]!];
  }

  /** The tables themselves (to send to another thread: new IdMap(tables) there). */
  get tables(): { keys: Float64Array; values: Int32Array } {
    return { keys: this.table, values: this.values };
  }

  private grow(): void {
    const { table, values } = this;
    this.table = new Float64Array(table.length * 2);
    this.values = new Int32Array(table.length * 2);
    this.mask = this.table.length - 1;
    for (let i = 0; i < table.length; i++) {
      const key = table[i]!;
      if (key === 0) continue;
      let slot = slotOf(key, this.mask);
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = key;
      this.values[slot] = values[i]!;
    }
  }
}

/** The slot depends on the key alone, so growing the table can re-place keys without the Ids. */
function slotOf(key: number, mask: number): number {
  const hi = (key / 0x100000) | 0;
  const lo = key % 0x100000;
  return (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
}

/** Keys (see idKey) to a key and a row number, in typed arrays like IdHashSet (a million take ~40 MB). */
export class KeyRowMap {
  private keys = new Float64Array(1 << 12);
  private values = new Float64Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private count = 0;

  /** The entry of `key`, or null; when absent, `value`/`row` are stored for it. */
  getOrAdd(key: number, value: number, row: number): { value: number; row: number } | null {
    const mask = this.keys.length - 1;
    let slot = slotOf(key, mask);
    for (; this.keys[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.keys[slot] === key) return { value: this.values[slot]!, row: this.rows[slot]! };
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    this.rows[slot] = row;
    if (++this.count * 2 > this.keys.length) this.grow();
    return null;
  }

  private grow(): void {
    const { keys, values, rows } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.getOrAdd(keys[i]!, values[i]!, rows[i]!);
  }
}
