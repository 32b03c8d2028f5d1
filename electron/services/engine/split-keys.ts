/**
 * Which Projects cannot be put together where their rows are read: those whose rows are not all
 * next to each other (rows of other Ids between them), and those whose rows cross from one range
 * into the next. Rows without an Id, blank rows and left-out rows do not separate rows of an Id,
 * as when the file is read from top to bottom. Found from the index alone (the Id key of every
 * row), before any range is read, so that every other Project is finished where it is read.
 * On the way: the rows whose Id differs from an earlier row's only in upper/lower case (MiniCRM
 * would make two cards of them), with that earlier row.
 */
import type { CellValue } from '../../../shared/domain/cell';
import type { ExtraRow } from '../../../shared/domain/restored-row';
import { alignCells } from '../../../shared/domain/restored-row';
import type { CompiledMapping } from '../../../shared/mapping/compile-mapping';
import type { IdKeyOf } from '../reader/csv-pieces';
import type { RowRange, RowSource } from '../reader/row-ranges';
import { csvRowOf } from '../reader/csv-text';
import { IdHashSet, KeyRowMap } from './id-set';
import type { PipelineOptions } from './pipeline';

/** Follows the ranges in file order as they are planned (the index still running), then the extra rows. */
export class SplitPlan {
  readonly split = new IdHashSet();
  readonly caseRows = new Map<number, number>();
  private seen = new IdHashSet();
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
  finish(extras: readonly ExtraRow[]): { split: IdHashSet; caseRows: Map<number, number> } {
    const { compiled, keyOf, headers } = this;
    let atStart = true;
    for (const e of extras) {
      const cells = alignCells(headers, e.headers, e.cells).cells;
      const key = keyOf(compiled.idColumn >= 0 ? cells[compiled.idColumn] ?? null : null);
      if (this.visit(e.row, key, keyOf.fold(), atStart)) atStart = false;
    }
    // Every Id seen (tens of MB for a million) is not needed while the ranges are read.
    this.seen = new IdHashSet();
    this.byFold = new KeyRowMap();
    return { split: this.split, caseRows: this.caseRows };
  }

  /** Returns whether the row has an Id; `atStart`: no row with an Id came before it in its range. */
  private visit(row: number, key: number, fold: number, atStart: boolean): boolean {
    if (this.excluded.has(row)) return false;
    const edited = this.editedIds.has(row);
    const k = edited ? this.keyOf(this.editedIds.get(row)!) : key;
    if (k === 0) return false;
    if (k === this.current) {
      // The rows of one Id cross from one range into the next.
      if (atStart) this.split.addKey(k);
      return true;
    }
    this.current = k;
    if (this.seen.addKey(k)) this.split.addKey(k);
    else {
      // The first row of an Id: is there an earlier Id that is the same in lower case?
      const other = this.byFold.getOrAdd(edited ? this.keyOf.fold() : fold, k, row);
      if (other && other.value !== k) this.caseRows.set(row, other.row);
    }
    return true;
  }
}
