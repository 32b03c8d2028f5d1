/**
 * The Check screen's rows, read again from the file when shown, so that any row of a file of any
 * size can be paged and fixed without holding the rows in memory: the check remembered each data
 * row's number and where every 64th one starts (engine/run-tally.ts), and a page is read from the
 * nearest such place. Rows restored from the parked list are not in the file: they come from the
 * session.
 */
import type { CellValue } from '../../../shared/domain/cell';
import type { PagingRange } from '../engine/run-tally';
import { readRows, type RowSource } from '../reader/row-ranges';

export interface GridRow {
  row: number;
  /** As the reader gives them: a re-check must see an error cell or a percentage, not its text. */
  cells: CellValue[];
}

export class CheckRows {
  /** Data rows of the file (restored rows excluded). */
  readonly fileRows: number;

  constructor(private readonly source: RowSource, private readonly ranges: readonly PagingRange[]) {
    this.fileRows = ranges.filter((r) => r.end >= 0).reduce((n, r) => n + r.rows, 0);
  }

  /** The data rows with index `from` .. `from + count` (in file order). */
  async slice(from: number, count: number): Promise<GridRow[]> {
    const out: GridRow[] = [];
    let at = from;
    while (out.length < count && at < this.fileRows) {
      const k = this.rangeOf(at);
      const r = this.ranges[k]!;
      const inRange = at - r.before;
      const take = Math.min(count - out.length, r.rows - inRange);
      out.push(...(await this.read(r, inRange, take)));
      at += take;
    }
    return out;
  }

  /** The rows with these numbers (those of the file; others are left out). */
  async byNumber(rows: readonly number[]): Promise<Map<number, GridRow>> {
    const out = new Map<number, GridRow>();
    // Rows that share a range and a mark are read together, from that mark.
    const wanted = new Map<string, { range: number; index: number[] }>();
    for (const n of rows) {
      const hit = this.locate(n);
      if (!hit) continue;
      const key = `${hit.range}:${this.markBefore(this.ranges[hit.range]!, hit.index)}`;
      let w = wanted.get(key);
      if (!w) wanted.set(key, (w = { range: hit.range, index: [] }));
      w.index.push(hit.index);
    }
    const set = new Set(rows);
    for (const w of wanted.values()) {
      const lo = Math.min(...w.index);
      const hi = Math.max(...w.index);
      for (const g of await this.read(this.ranges[w.range]!, lo, hi - lo + 1)) if (set.has(g.row)) out.set(g.row, g);
    }
    return out;
  }

  /** Range and data row index of row number `n` in the file, or null. */
  locate(n: number): { range: number; index: number } | null {
    for (let k = 0; k < this.ranges.length; k++) {
      const r = this.ranges[k]!;
      if (r.end < 0 || r.rows === 0) continue;
      if (n < r.rowNumbers[0]! || n > r.rowNumbers[r.rows - 1]!) continue;
      let lo = 0;
      let hi = r.rows - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = r.rowNumbers[mid]!;
        if (v === n) return { range: k, index: mid };
        if (v < n) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return null;
  }

  /** The "all rows" position of file row `n` (-1: not a data row of the file). */
  ordinalOf(n: number): number {
    const hit = this.locate(n);
    return hit ? this.ranges[hit.range]!.before + hit.index : -1;
  }

  /** The row number at "all rows" position `i` of the file's rows. */
  rowAt(i: number): number {
    const r = this.ranges[this.rangeOf(i)];
    return r ? r.rowNumbers[i - r.before] ?? -1 : -1;
  }

  keyAt(range: number, index: number): number {
    return this.ranges[range]!.keys[index]!;
  }

  /** The Id key of a restored row (they come after the file's rows), 0 when unknown. */
  keyOfRestored(row: number): number {
    for (const r of this.ranges) {
      if (r.end >= 0) continue;
      const i = r.rowNumbers.indexOf(row);
      if (i >= 0) return r.keys[i]!;
    }
    return 0;
  }

  /** Calls `visit` with every data row's number and Id key (file rows, then restored rows). */
  forEachKey(visit: (row: number, key: number) => void): void {
    for (const r of this.ranges) for (let i = 0; i < r.rows; i++) visit(r.rowNumbers[i]!, r.keys[i]!);
  }

  private rangeOf(index: number): number {
    let k = 0;
    while (k + 1 < this.ranges.length && this.ranges[k + 1]!.end >= 0 && this.ranges[k + 1]!.before <= index) k++;
    return k;
  }

  /** Where in `r.marks` the last mark at or before data row `index` is. */
  private markBefore(r: PagingRange, index: number): number {
    let m = 0;
    while (m + 3 < r.marks.length && r.marks[m + 3]! <= index) m += 3;
    return m;
  }

  /** `count` data rows of range `r` from its index `from`, read from the nearest mark before it. */
  private async read(r: PagingRange, from: number, count: number): Promise<GridRow[]> {
    const m = this.markBefore(r, from);
    const [row, at] = [r.marks[m + 1]!, r.marks[m + 2]!];
    const record = this.source.kind === 'csv' ? row - 1 + (this.source.layout.sepLine ? 1 : 0) : 0;
    const first = r.rowNumbers[from]!;
    const out: GridRow[] = [];
    for (const batch of await readRows(this.source, at, r.end, record)) {
      for (const p of batch) {
        if (p.row < first) continue;
        out.push({ row: p.row, cells: [...p.cells] });
        if (out.length === count) return out;
      }
    }
    return out;
  }
}
