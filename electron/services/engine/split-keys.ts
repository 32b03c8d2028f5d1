/**
 * Which Projects cannot be put together where their rows are read: those whose rows are not all
 * next to each other (rows of other Ids between them), and those whose rows cross from one range
 * into the next. Rows without an Id, blank rows and left-out rows do not separate rows of an Id,
 * as when the file is read from top to bottom. Found from the index alone (the Id key of every
 * row), before any range is read, so that every other Project is finished where it is read.
 * On the way: the rows whose Id differs from an earlier row's only in upper/lower case (MiniCRM
 * would make two cards of them), with that earlier row. At the end those Ids are cut into piles
 * (split-piles.ts), in the order of their first rows.
 */
import type { CellValue } from '../../../shared/domain/cell';
import type { ExtraRow } from '../../../shared/domain/restored-row';
import { alignCells } from '../../../shared/domain/restored-row';
import type { CompiledMapping } from '../../../shared/mapping/compile-mapping';
import type { IdKeyOf } from '../reader/csv-pieces';
import type { RowRange, RowSource } from '../reader/row-ranges';
import { csvRowOf } from '../reader/csv-text';
import { IdMap, KeyRowMap } from './id-set';
import type { PipelineOptions } from './pipeline';

/** Rows (about) a pile holds: a few MB to finish at once. */
const PILE_ROWS = 8_192;
/** At most this many piles (files per reading thread), however large the file. */
const MAX_PILES = 256;

/** The split Ids' piles: key -> pile (0 … count - 1). */
export interface Piles {
  piles: IdMap;
  count: number;
}

/** Follows the ranges in file order as they are planned (the index still running), then the extra rows. */
export class SplitPlan {
  /** Split keys -> how many runs of rows they have (about their rows; the piles are cut by it). */
  private split = new IdMap();
  readonly caseRows = new Map<number, number>();
  /** Every key seen -> its first row. */
  private seen = new IdMap();
  private byFold = new KeyRowMap();
  private readonly excluded: Set<number>;
  private readonly editedIds = new Map<number, CellValue>();
  private current = 0;

  constructor(private readonly source: RowSource, private readonly headerRow: number,
    options: Pick<PipelineOptions, 'edits' | 'excludedRows'>, private readonly compiled: CompiledMapping,
    private readonly keyOf: IdKeyOf, private readonly headers: readonly string[]) {
    this.excluded = new Set(options.excludedRows ?? []);
    // An edited Id cell counts with its new value.
    const idHeader = compiled.idColumn >= 0 ? headers[compiled.idColumn]!.trim().toLowerCase() : null;
    for (const e of options.edits ?? []) if (idHeader !== null && e.column.trim().toLowerCase() === idHeader) this.editedIds.set(e.row, e.value);
  }

  /** The next range of the file. */
  add(r: RowRange): void {
    const { source, headerRow } = this;
    let atStart = true;
    for (let i = 0; i < r.records; i++) {
      const row = source.kind === 'csv' ? csvRowOf(source.layout, r.firstRecord + i) : r.rows![i]!;
      if (row > headerRow && this.visit(row, r.ids[i]!, r.folds[i]!, atStart)) atStart = false;
    }
  }

  /** The rows read after the file's own (restored parked rows); the plan is then complete. */
  finish(extras: readonly ExtraRow[], pileRows = PILE_ROWS): Piles & { caseRows: Map<number, number> } {
    const { compiled, keyOf, headers } = this;
    let atStart = true;
    for (const e of extras) {
      const cells = alignCells(headers, e.headers, e.cells).cells;
      const key = keyOf(compiled.idColumn >= 0 ? cells[compiled.idColumn] ?? null : null);
      if (this.visit(e.row, key, keyOf.fold(), atStart)) atStart = false;
    }
    const count = this.cutPiles(pileRows);
    // Every Id seen (tens of MB for a million) is not needed while the ranges are read.
    this.seen = new IdMap();
    this.byFold = new KeyRowMap();
    return { piles: this.split, count, caseRows: this.caseRows };
  }

  /** Gives each split key its pile: in the order of first rows, a new pile when one holds `pileRows`. */
  private cutPiles(pileRows: number): number {
    const n = this.split.size;
    const keys = new Float64Array(n);
    const runs = new Int32Array(n);
    const firsts = new Float64Array(n);
    let i = 0;
    let total = 0;
    for (const [key, r] of this.split.entries()) {
      keys[i] = key;
      runs[i] = r;
      firsts[i++] = this.seen.get(key);
      total += r;
    }
    const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => firsts[a]! - firsts[b]! || keys[a]! - keys[b]!);
    const size = Math.max(pileRows, Math.ceil(total / MAX_PILES));
    let pile = 0;
    let held = 0;
    for (const j of order) {
      if (held > 0 && held + runs[j]! > size) {
        pile++;
        held = 0;
      }
      this.split.set(keys[j]!, pile);
      held += runs[j]!;
    }
    return n === 0 ? 0 : pile + 1;
  }

  /** One more run of rows of a split key (its first two when it becomes split). */
  private addSplit(key: number): void {
    const runs = this.split.getOrAdd(key, 2);
    if (runs >= 0) this.split.set(key, runs + 1);
  }

  /** Returns whether the row has an Id; `atStart`: no row with an Id came before it in its range. */
  private visit(row: number, key: number, fold: number, atStart: boolean): boolean {
    if (this.excluded.has(row)) return false;
    const edited = this.editedIds.has(row);
    const k = edited ? this.keyOf(this.editedIds.get(row)!) : key;
    if (k === 0) return false;
    if (k === this.current) {
      // The rows of one Id cross from one range into the next.
      if (atStart) this.addSplit(k);
      return true;
    }
    this.current = k;
    if (this.seen.getOrAdd(k, row) >= 0) this.addSplit(k);
    else {
      // The first row of an Id: is there an earlier Id that is the same in lower case?
      const other = this.byFold.getOrAdd(edited ? this.keyOf.fold() : fold, k, row);
      if (other && other.value !== k) this.caseRows.set(row, other.row);
    }
    return true;
  }
}
