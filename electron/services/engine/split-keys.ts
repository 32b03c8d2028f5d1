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

export function splitKeys(source: RowSource, ranges: readonly RowRange[], headerRow: number,
  options: Pick<PipelineOptions, 'edits' | 'excludedRows'>, compiled: CompiledMapping, keyOf: IdKeyOf, extras: readonly ExtraRow[],
  headers: readonly string[]): { split: IdHashSet; caseRows: Map<number, number> } {
  const excluded = new Set(options.excludedRows ?? []);
  // An edited Id cell counts with its new value.
  const idHeader = compiled.idColumn >= 0 ? headers[compiled.idColumn]!.trim().toLowerCase() : null;
  const editedIds = new Map<number, CellValue>();
  for (const e of options.edits ?? []) if (idHeader !== null && e.column.trim().toLowerCase() === idHeader) editedIds.set(e.row, e.value);

  const seen = new IdHashSet();
  const split = new IdHashSet();
  const byFold = new KeyRowMap();
  const caseRows = new Map<number, number>();
  let current = 0;
  /** Returns whether the row has an Id; `atStart`: no row with an Id came before it in its range. */
  const visit = (row: number, key: number, fold: number, atStart: boolean): boolean => {
    if (excluded.has(row)) return false;
    const edited = editedIds.has(row);
    const k = edited ? keyOf(editedIds.get(row)!) : key;
    if (k === 0) return false;
    if (k === current) {
      // The rows of one Id cross from one range into the next.
      if (atStart) split.addKey(k);
      return true;
    }
    current = k;
    if (seen.addKey(k)) split.addKey(k);
    else {
      // The first row of an Id: is there an earlier Id that is the same in lower case?
      const other = byFold.getOrAdd(edited ? keyOf.fold() : fold, k, row);
      if (other && other.value !== k) caseRows.set(row, other.row);
    }
    return true;
  };
  for (const r of ranges) {
    let atStart = true;
    for (let i = 0; i < r.records; i++) {
      const row = source.kind === 'csv' ? csvRowOf(source.layout, r.firstRecord + i) : r.rows![i]!;
      if (row > headerRow && visit(row, r.ids[i]!, r.folds[i]!, atStart)) atStart = false;
    }
  }
  let atStart = true;
  for (const e of extras) {
    const cells = alignCells(headers, e.headers, e.cells).cells;
    const key = keyOf(compiled.idColumn >= 0 ? cells[compiled.idColumn] ?? null : null);
    if (visit(e.row, key, keyOf.fold(), atStart)) atStart = false;
  }
  return { split, caseRows };
}
