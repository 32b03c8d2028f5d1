import { UnusableInputError, CancelledError } from '../../../shared/domain/errors';
import type { CellValue } from '../../../shared/domain/cell';
import type { JobContext } from '../../../shared/domain/job';
import type { RawRow } from './header';
import type { RawSource } from './raw-source';
import type { XlsxSheet, XlsxWorkbook } from './xlsx-sheets';
import type { ZipEntry } from './zip-directory';
import { exceljs } from './exceljs';
import { orderedSheetStream } from './xlsx-stream';
import { readSharedStrings } from './xlsx-shared-strings';
import { dateFromJs, dateFromSerial, formatKind, numberCell, roundNumber, textCell } from './cell-values';
import { throttledProgress, throwIfCancelled } from './progress';

/**
 * XLSX rows through exceljs's streaming WorkbookReader: bounded memory at Excel's full
 * 1,048,576 rows (SheetJS returns an empty workbook there, without an error).
 */
interface StreamCell { value: unknown; numFmt?: string }
interface StreamRow { number: number; _cells?: Array<StreamCell | undefined> }
interface StreamSheet { name: string; [Symbol.asyncIterator](): AsyncIterator<StreamRow> }

const BATCH = 1000;

export function openXlsx(path: string, fileName: string, zip: Map<string, ZipEntry>, book: XlsxWorkbook, chosen: XlsxSheet): RawSource {
  return {
    format: 'xlsx', encoding: null, delimiter: null, sheets: book.sheets.map(({ name, rowCount, hasData }) => ({ name, rowCount, hasData })),
    sheet: chosen.name, knownRowCount: null,
    rows: (ctx) => xlsxRows(path, fileName, zip, book, chosen, ctx),
  };
}

function corrupt(fileName: string, e: unknown): UnusableInputError {
  return new UnusableInputError('corrupt-workbook',
    `${fileName} is damaged and cannot be read (${(e as Error)?.message ?? 'unknown error'}); save or download it again.`,
    { file: fileName });
}

async function* xlsxRows(path: string, fileName: string, zip: Map<string, ZipEntry>, book: XlsxWorkbook, sheet: XlsxSheet,
  ctx: JobContext): AsyncGenerator<RawRow[]> {
  const ExcelJS = await exceljs();
  const input = orderedSheetStream(path, zip, sheet.entry, fileName);
  input.on('error', () => undefined); // surfaces through the unzip stream; avoid an unhandled event
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  // Shared strings go into a compact table instead of exceljs's array of strings and objects.
  const internals = reader as unknown as { sharedStrings?: unknown; _parseSharedStrings: (entry: AsyncIterable<Buffer>) => AsyncGenerator<never> };
  internals._parseSharedStrings = async function* (entry) {
    internals.sharedStrings = (await readSharedStrings(entry)).asArray();
  };
  const report = throttledProgress(ctx, sheet.lastRow, 'rows');
  let lastSeen = 0;
  let found = false;
  let finished = false;
  try {
    // The stream holds the chosen sheet only.
    for await (const ws of reader as unknown as AsyncIterable<StreamSheet>) {
      found = true;
      const date1904 = book.date1904;
      let batch: RawRow[] = [];
      for await (const row of ws as unknown as AsyncIterable<StreamRow>) {
        lastSeen = row.number;
        const cells = convertRow(row, date1904);
        if (cells.length > 0) batch.push({ row: row.number, cells });
        if (batch.length >= BATCH) {
          throwIfCancelled(ctx.signal);
          report(lastSeen);
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      break;
    }
    finished = true;
  } catch (e) {
    if (e instanceof UnusableInputError || e instanceof CancelledError) throw e;
    throw corrupt(fileName, e);
  } finally {
    input.destroy();
  }
  if (finished) {
    if (!found) throw corrupt(fileName, new Error(`sheet "${sheet.name}" is listed but missing`));
    if (sheet.lastRow !== null && lastSeen < sheet.lastRow) {
      throw new UnusableInputError('row-count-mismatch',
        `${fileName}: sheet "${sheet.name}" should have ${sheet.lastRow} rows but reading stopped at row ${lastSeen}; the file may be damaged.`,
        { file: fileName, expected: sheet.lastRow, read: lastSeen });
    }
    report(lastSeen, true);
  }
}

function convertRow(row: StreamRow, date1904: boolean): CellValue[] {
  const src = row._cells ?? [];
  const out: CellValue[] = new Array<CellValue>(src.length).fill(null);
  let last = -1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (!c) continue;
    const v = cellValue(c.value, c.numFmt, date1904);
    out[i] = v;
    if (v !== null) last = i;
  }
  out.length = last + 1;
  return out;
}

function cellValue(v: unknown, fmt: string | undefined, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return textCell(v);
  if (typeof v === 'number') return numberCell(v, fmt, date1904);
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) {
    // exceljs makes a Date for any date-ish format; time-only formats read better as the shown text.
    return formatKind(fmt) === 'time' ? numberCell(v.getTime() / 86_400_000 + 25_569, fmt, false) : dateFromJs(v);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('') || null;
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return formulaResult(o.result, fmt, date1904);
    if (typeof o.error === 'string') return o.error;
    if ('text' in o) return cellValue(o.text, fmt, date1904);
  }
  return null;
}

function formulaResult(r: unknown, fmt: string | undefined, date1904: boolean): CellValue {
  if (typeof r === 'number') {
    if (Number.isNaN(r)) return null;
    return formatKind(fmt) === 'date' ? dateFromSerial(r, date1904) : numberCell(r, fmt, date1904);
  }
  if (r instanceof Date) return dateFromJs(r);
  if (typeof r === 'string') return textCell(r);
  if (typeof r === 'boolean') return r;
  if (r && typeof r === 'object' && typeof (r as { error?: unknown }).error === 'string') return (r as { error: string }).error;
  return r === undefined || r === null ? null : roundNumber(Number(r));
}
