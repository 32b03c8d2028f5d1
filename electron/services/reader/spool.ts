/**
 * Sources that can only be read from the top (workbooks: one compressed stream per sheet; text in
 * UTF-16) are written once, as they are read, into a spool: one JSON array per data row,
 * `[row, cell, cell, …]`, one per line. JSON keeps every cell's type (text, number, date, …) and
 * escapes line breaks, so the spool can be cut at any newline and read in pieces at once like a
 * CSV, and the Check screen can page any row of it without reading the workbook again.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { CellValue, SourceRow } from '../../../shared/domain/cell';
import type { JobContext } from '../../../shared/domain/job';
import { readBytes } from './csv-text';
import { PIECE_BYTES, type IdKeyOf } from './csv-pieces';

export interface SpoolRange {
  start: number;
  end: number;
  /** Rows spooled before this range. */
  firstRecord: number;
  /** Data rows in the range. */
  records: number;
  /** Their row numbers (a sheet's rows are not consecutive: blank rows are not spooled). */
  rows: Int32Array;
  ids: Float64Array;
  folds: Float64Array;
}

/** Writes `rows` (data rows, aligned with the header) to `file`; returns its ranges with each row's Id key. */
export async function writeSpool(rows: AsyncIterable<readonly SourceRow[]>, file: string, idColumn: number, keyOf: IdKeyOf,
  ctx: JobContext, pieceBytes = PIECE_BYTES): Promise<SpoolRange[]> {
  const fh = await open(file, 'wx', 0o600);
  const ranges: SpoolRange[] = [];
  let rowNumbers: number[] = [];
  let ids: number[] = [];
  let folds: number[] = [];
  let text = '';
  let written = 0;
  let rangeStart = 0;
  let rangeBytes = 0;
  const endRange = (): void => {
    if (rowNumbers.length === 0) return;
    const firstRecord = ranges.reduce((n, r) => n + r.records, 0);
    ranges.push({ start: rangeStart, end: rangeStart + rangeBytes, firstRecord, records: rowNumbers.length, rows: Int32Array.from(rowNumbers), ids: Float64Array.from(ids), folds: Float64Array.from(folds) });
    rangeStart += rangeBytes;
    rangeBytes = 0;
    rowNumbers = [];
    ids = [];
    folds = [];
  };
  try {
    for await (const batch of rows) {
      if (ctx.signal.aborted) break;
      for (const r of batch) {
        const line = `${JSON.stringify([r.row, ...r.cells])}\n`;
        const bytes = Buffer.byteLength(line, 'utf8');
        text += line;
        rangeBytes += bytes;
        rowNumbers.push(r.row);
        ids.push(keyOf(idColumn >= 0 ? r.cells[idColumn] ?? null : null));
        folds.push(keyOf.fold());
        if (rangeBytes >= pieceBytes) {
          written += await flush(fh, text, written);
          text = '';
          endRange();
        }
      }
    }
    written += await flush(fh, text, written);
    endRange();
  } finally {
    await fh.close();
  }
  return ranges;
}

async function flush(fh: FileHandle, text: string, at: number): Promise<number> {
  if (text === '') return 0;
  const buf = Buffer.from(text, 'utf8');
  await fh.write(buf, 0, buf.length, at);
  return buf.length;
}

/** A spooled row and the byte offset it starts at. */
export interface SpooledRow extends SourceRow {
  readonly at: number;
}

/** The rows of the spool's bytes [start, end), in small batches (see csv-pieces.ts readCsvRange). */
export async function readSpool(file: string, start: number, end: number, batch = 256): Promise<Iterable<SpooledRow[]>> {
  return spooledRows((await readBytes(file, start, end)).toString('utf8'), start, batch);
}

function* spooledRows(text: string, start: number, size: number): Generator<SpooledRow[]> {
  let at = start;
  let p = 0;
  while (p < text.length) {
    const out: SpooledRow[] = [];
    while (p < text.length && out.length < size) {
      const nl = text.indexOf('\n', p);
      const line = text.slice(p, nl < 0 ? text.length : nl);
      const [row, ...cells] = JSON.parse(line) as [number, ...CellValue[]];
      out.push({ row, cells, at });
      at += Buffer.byteLength(line, 'utf8') + 1;
      p = nl < 0 ? text.length : nl + 1;
    }
    yield out;
  }
}
