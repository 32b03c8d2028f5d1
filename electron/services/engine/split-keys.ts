/**
 * Which Projects cannot be put together where their rows are read: those whose rows are not all
 * next to each other (rows of other Ids between them), and those whose rows cross from one range
 * into the next. Rows without an Id, blank rows and left-out rows do not separate rows of an Id,
 * as when the file is read from top to bottom. Found from the index alone (the Id key of every
 * row), before any range is read, so that every other Project is finished where it is read.
 */
import type { CellValue } from '../../../shared/domain/cell';
import type { ExtraRow } from '../../../shared/domain/restored-row';
import { alignCells } from '../../../shared/domain/restored-row';
import type { CompiledMapping } from '../../../shared/mapping/compile-mapping';
import type { IdKeyOf } from '../reader/csv-pieces';
import { csvRowOf, type RowRange, type RowSource } from '../reader/row-ranges';
import { IdHashSet } from './id-set';
import type { PipelineOptions } from './pipeline';

export function splitKeys(source: RowSource, ranges: readonly RowRange[], headerRow: number,
  options: Pick<PipelineOptions, 'edits' | 'excludedRows'>, compiled: CompiledMapping, keyOf: IdKeyOf, extras: readonly ExtraRow[],
  headers: readonly string[]): IdHashSet {
  const excluded = new Set(options.excludedRows ?? []);
  // An edited Id cell counts with its new value.
  const idHeader = compiled.idColumn >= 0 ? headers[compiled.idColumn]!.trim().toLowerCase() : null;
  const editedIds = new Map<number, CellValue>();
  for (const e of options.edits ?? []) if (idHeader !== null && e.column.trim().toLowerCase() === idHeader) editedIds.set(e.row, e.value);

  const seen = new IdHashSet();
  const split = new IdHashSet();
  let current = 0;
  /** Returns whether the row has an Id; `atStart`: no row with an Id came before it in its range. */
  const visit = (row: number, key: number, atStart: boolean): boolean => {
    if (excluded.has(row)) return false;
    const k = editedIds.has(row) ? keyOf(editedIds.get(row)!) : key;
    if (k === 0) return false;
    if (k === current) {
      // The rows of one Id cross from one range into the next.
      if (atStart) split.addKey(k);
      return true;
    }
    current = k;
    if (seen.addKey(k)) split.addKey(k);
    return true;
  };
  for (const r of ranges) {
    let atStart = true;
    for (let i = 0; i < r.records; i++) {
      const row = source.kind === 'csv' ? csvRowOf(source.layout, r.firstRecord + i) : r.rows![i]!;
      if (row > headerRow && visit(row, r.ids[i]!, atStart)) atStart = false;
    }
  }
  let atStart = true;
  for (const e of extras) {
    const cells = alignCells(headers, e.headers, e.cells).cells;
    if (visit(e.row, keyOf(compiled.idColumn >= 0 ? cells[compiled.idColumn] ?? null : null), atStart)) atStart = false;
  }
  return split;
}
