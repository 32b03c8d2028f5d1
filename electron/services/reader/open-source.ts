import type { SourceRow } from '../../../shared/domain/cell';
import { cellText } from '../../../shared/domain/cell';
import { UnusableInputError } from '../../../shared/domain/errors';
import { silentJobContext, type JobContext } from '../../../shared/domain/job';
import type { ColumnInfo, SourceInfo, SourceOptions } from '../../../shared/domain/source';
import { dataWidth, detectHeaderRow, filledCount, headerNames, shapeCells, HEADER_SCAN_ROWS, type RawRow } from './header';
import type { RawSource } from './raw-source';
import type { CsvLayout } from './csv-text';
import { sniffFile } from './sniff';
import { openCsv } from './csv-source';
import { openWorkbook } from './workbook-source';
import { throwIfCancelled } from './progress';

export interface SourceHandle {
  readonly info: SourceInfo;
  /** All data rows below the header, in order, blank rows skipped, cells aligned with `info.headers`. */
  rows(ctx: JobContext, opts?: { batchSize?: number }): AsyncIterable<SourceRow[]>;
  /** A CSV that can be read in pieces at once (the engine's way for such files; see csv-pieces.ts). */
  readonly layout?: CsvLayout;
}

const PREVIEW_ROWS = 50;
const SAMPLES = 5;
/** Stop looking for preview rows after this many physical rows (sheets full of blank rows). */
const TOP_READ_LIMIT = 5000;

export async function openSource(path: string, options: SourceOptions = {}): Promise<SourceHandle> {
  const { size, fileName, sniffed } = await sniffFile(path);
  const raw = await openRaw(path, fileName, size, sniffed, options);
  const top = await readTop(raw, options.headerRow);
  const header = pickHeader(top.rows, options.headerRow, fileName);
  const { names: headers, repeatOf } = headerNames(header.cells, dataWidth(top.rows, header.row));
  const width = headers.length;
  const preview: SourceRow[] = [];
  let dataRows = 0;
  for (const r of top.rows) {
    if (r.row <= header.row) continue;
    const cells = r.cells.slice();
    if (!shapeCells(cells, width)) continue;
    dataRows++;
    if (preview.length < PREVIEW_ROWS) preview.push({ row: r.row, cells });
  }
  if (top.complete && dataRows === 0) {
    throw new UnusableInputError('no-data-rows', `${fileName} has a header row (row ${header.row}) but no data rows below it.`,
      { file: fileName, headerRow: header.row });
  }
  const columns: ColumnInfo[] = headers.map((h, index) => {
    const samples: string[] = [];
    for (const r of preview) {
      const v = r.cells[index] ?? null;
      if (v !== null && samples.length < SAMPLES) samples.push(cellText(v));
    }
    const first = repeatOf.get(index);
    return { index, header: h, samples, ...(first !== undefined ? { repeatOf: first } : {}) };
  });
  const info: SourceInfo = {
    path, fileName, size, format: raw.format, encoding: raw.encoding, delimiter: raw.delimiter,
    sheets: raw.sheets, sheet: raw.sheet, headerRow: header.row, headers, columns, preview,
    dataRows: top.complete ? dataRows : null,
  };
  return {
    info,
    rows: (ctx, opts) => dataRowBatches(raw, header.row, width, info.dataRows, fileName, ctx, opts?.batchSize),
    ...(raw.layout ? { layout: raw.layout } : {}),
  };
}

async function openRaw(path: string, fileName: string, size: number, sniffed: Awaited<ReturnType<typeof sniffFile>>['sniffed'],
  options: SourceOptions): Promise<RawSource> {
  switch (sniffed.kind) {
    case 'csv':
      return await openCsv(path, fileName, size, sniffed.head, options);
    default:
      return openWorkbook({ path, fileName, size }, sniffed, options);
  }
}

/** The chosen sheet's rows before any header logic: what the `cells` command shows. */
export async function openRawSource(path: string, options: SourceOptions = {}): Promise<RawSource> {
  const { size, fileName, sniffed } = await sniffFile(path);
  return openRaw(path, fileName, size, sniffed, options);
}

/** Reads the top of the sheet: enough rows to find the header and fill the preview. */
async function readTop(raw: RawSource, headerRow: number | undefined): Promise<{ rows: RawRow[]; complete: boolean }> {
  const rows: RawRow[] = [];
  const it = raw.rows(silentJobContext());
  let complete = true;
  try {
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      rows.push(...next.value);
      if (enoughForPreview(rows, headerRow) || rows.length >= TOP_READ_LIMIT) {
        complete = false;
        break;
      }
    }
  } finally {
    await it.return(undefined);
  }
  return { rows, complete };
}

function enoughForPreview(rows: readonly RawRow[], headerRow: number | undefined): boolean {
  const scanned = headerRow ?? (rows[0]?.row ?? 1) + HEADER_SCAN_ROWS;
  let below = 0;
  for (const r of rows) if (r.row > scanned && filledCount(r.cells) > 0) below++;
  return below > PREVIEW_ROWS;
}

function pickHeader(rows: readonly RawRow[], headerRow: number | undefined, fileName: string): RawRow {
  if (headerRow === undefined) return detectHeaderRow(rows, fileName);
  const hit = rows.find((r) => r.row === headerRow);
  if (!hit || filledCount(hit.cells) === 0) {
    throw new UnusableInputError('no-header', `${fileName}: row ${headerRow}, set as the header row, is empty.`, { file: fileName, headerRow });
  }
  return hit;
}

/**
 * Rows are handed on in small batches: everything a batch holds stays alive until the whole batch
 * is mapped, and the young generation copies it at every collection.
 */
const ROW_BATCH = 256;

async function* dataRowBatches(raw: RawSource, headerRow: number, width: number, expected: number | null, fileName: string,
  ctx: JobContext, batchSize = ROW_BATCH): AsyncGenerator<SourceRow[]> {
  let batch: SourceRow[] = [];
  let count = 0;
  for await (const rows of raw.rows(ctx)) {
    throwIfCancelled(ctx.signal);
    for (const r of rows) {
      if (r.row <= headerRow) continue;
      if (!shapeCells(r.cells, width)) continue;
      batch.push(r);
      count++;
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
  if (count === 0) {
    throw new UnusableInputError('no-data-rows', `${fileName} has a header row (row ${headerRow}) but no data rows below it.`, { file: fileName });
  }
  if (expected !== null && count !== expected) {
    throw new UnusableInputError('row-count-mismatch', `${fileName}: expected ${expected} data rows but read ${count}; the file changed while it was being read.`,
      { file: fileName, expected, read: count });
  }
}
