/**
 * Per Project Id (its key, engine/id-set.ts) how many rows of a Check session are in and how many
 * of those have errors: what turns a project valid, rejected or gone when the user fixes or
 * leaves out a row. An open-addressing table over typed arrays (a million Ids take ~24 MB).
 */
export class KeyCounts {
  private keys: Float64Array;
  private rows: Int32Array;
  private errorRows: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1 << 12) {
    let n = 1 << 12;
    while (n < capacity * 2) n <<= 1;
    this.keys = new Float64Array(n);
    this.rows = new Int32Array(n);
    this.errorRows = new Int32Array(n);
    this.mask = n - 1;
  }

  /** Adds (sign 1) or takes away (-1) a row of `key`, with or without errors. */
  add(key: number, sign: 1 | -1, hasErrors: boolean): void {
    const s = this.slot(key);
    this.rows[s]! += sign;
    if (hasErrors) this.errorRows[s]! += sign;
  }

  /** A row of `key` gains (1) or loses (-1) its errors. */
  addErrors(key: number, sign: 1 | -1): void {
    this.errorRows[this.slot(key)]! += sign;
  }

  /** The project's state: 'none' (no row in), 'rejected' (a row with errors) or 'valid'. */
  state(key: number): 'none' | 'valid' | 'rejected' {
    const s = this.slot(key);
    if (this.rows[s]! <= 0) return 'none';
    return this.errorRows[s]! > 0 ? 'rejected' : 'valid';
  }

  private slot(key: number): number {
    let s = ((key / 0x100000) | 0) ^ Math.imul(key % 0x100000, 0x9e3779b1);
    for (s &= this.mask; ; s = (s + 1) & this.mask) {
      const k = this.keys[s]!;
      if (k === key) return s;
      if (k === 0) {
        this.keys[s] = key;
        if (++this.used * 2 > this.keys.length) {
          this.grow();
          return this.slot(key);
        }
        return s;
      }
    }
  }

  private grow(): void {
    const { keys, rows, errorRows } = this;
    const n = keys.length * 2;
    this.keys = new Float64Array(n);
    this.rows = new Int32Array(n);
    this.errorRows = new Int32Array(n);
    this.mask = n - 1;
    this.used = 0;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const s = this.slot(keys[i]!);
      this.rows[s] = rows[i]!;
      this.errorRows[s] = errorRows[i]!;
    }
  }
}
