/**
 * A source as the engine reads it: ranges of whole rows that reading threads read at once, each
 * with the Id key of its rows (from the index pass). A CSV is read in place (csv-pieces.ts);
 * anything else from its spool (spool.ts). Both give the same rows: data rows below the header,
 * blank rows left out, cells aligned with the header, the spreadsheet's own row numbers.
 */
import type { CellValue, SourceRow } from '../../../shared/domain/cell';
import { shapeCells } from './header';
import { readCsvRange } from './csv-pieces';
import { csvRowOf, type CsvLayout } from './csv-text';
import { readSpool } from './spool';

export type RowSource =
  | { readonly kind: 'csv'; readonly layout: CsvLayout; readonly headerRow: number; readonly width: number }
  | { readonly kind: 'spool'; readonly file: string; readonly width: number };

export interface RowRange {
  readonly start: number;
  readonly end: number;
  /** CSV: index of the range's first record in the file (row numbers follow from it). */
  readonly firstRecord: number;
  /** Records (CSV, blank and header rows included) or spooled rows in the range. */
  readonly records: number;
  /** Id key per record (0: none), and of the Id in lower case. */
  readonly ids: Float64Array;
  readonly folds: Float64Array;
  /** Spool: the row number of each spooled row. */
  readonly rows?: Int32Array;
}

/** A data row and where it starts in the file (-1 where not asked for). */
export interface PlacedRow extends SourceRow {
  readonly at: number;
  /** Index of its record in the range (aligns with RowRange.ids). */
  readonly record: number;
}

/**
 * The data rows of a range, in order, in small batches; with `offsets` each row's start is given
 * in bytes (paging). Reading may stop early (a page): leave the loop.
 */
export async function readRows(src: RowSource, start: number, end: number, firstRecord: number,
  opts: { offsets?: boolean } = {}): Promise<Iterable<PlacedRow[]>> {
  if (src.kind === 'spool') return spoolBatches(await readSpool(src.file, start, end));
  return csvBatches(src, await readCsvRange(src.layout, start, end, { ...opts, firstRecord }), firstRecord);
}

function* spoolBatches(batches: Iterable<Array<SourceRow & { at: number }>>): Generator<PlacedRow[]> {
  let i = 0;
  for (const b of batches) yield b.map((r) => ({ row: r.row, cells: r.cells, at: r.at, record: i++ }));
}

function* csvBatches(src: Extract<RowSource, { kind: 'csv' }>, batches: Iterable<Array<{ cells: string[]; at: number }>>, firstRecord: number): Generator<PlacedRow[]> {
  let i = 0;
  for (const b of batches) {
    const out: PlacedRow[] = [];
    for (const rec of b) {
      const row = csvRowOf(src.layout, firstRecord + i);
      const record = i++;
      if (row <= src.headerRow) continue;
      const cells: CellValue[] = rec.cells;
      if (!shapeCells(cells, src.width)) continue;
      out.push({ row, cells, at: rec.at, record });
    }
    if (out.length > 0) yield out;
  }
}
