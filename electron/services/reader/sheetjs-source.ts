import { readFile } from 'node:fs/promises';
import type { CellValue } from '../../../shared/domain/cell';
import { UnusableInputError } from '../../../shared/domain/errors';
import type { RawRow } from './header';
import type { RawSource } from './raw-source';
import type * as XLSXNS from '@e965/xlsx';
import { xlsx } from './sheetjs';
import { dateFromJs, numberCell, textCell } from './cell-values';
import { throttledProgress, throwIfCancelled } from './progress';
import { LIMITS, damaged, overLimit, thousands } from './workbook-limits';
import { pickSheet } from './sheet-pick';

/**
 * XLS (BIFF 2-8) and HTML/XML "Excel" exports through SheetJS. These formats top out far below
 * its limits (XLS: 65,536 rows), so the workbook is read once into memory (sniff.ts caps the file
 * size) and kept. Chart sheets hold no cells and are not listed.
 */
interface SjsCell { t: string; v?: unknown; z?: string; w?: string }
type DenseRows = Array<Array<SjsCell | undefined> | undefined>;
interface DenseSheet { '!data'?: DenseRows; '!type'?: string }

const BATCH = 2000;

/** BIFF error codes (MS-XLS 2.5.97.2). */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

function hasValue(c: SjsCell | undefined): boolean {
  return !!c && c.t !== 'z' && c.v !== undefined && c.v !== null && c.v !== '';
}

export async function openWithSheetJs(path: string, fileName: string, wanted: string | undefined): Promise<RawSource> {
  let wb: ReturnType<typeof XLSXNS.read>;
  try {
    wb = xlsx().read(await readFile(path), { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellText: false, cellHTML: false });
  } catch (e) {
    if (/password|encrypt/i.test((e as Error)?.message ?? '')) {
      throw new UnusableInputError('password-protected', `${fileName} is password-protected; remove the password in Excel and save it again.`, { file: fileName });
    }
    throw damaged(fileName, 'it cannot be read as a spreadsheet');
  }
  const date1904 = !!(wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904;
  const hiddenFlags = (wb.Workbook as { Sheets?: Array<{ Hidden?: number }> } | undefined)?.Sheets ?? [];
  const sheets: Array<{ name: string; rowCount: number; hasData: boolean; hidden: boolean; rows: DenseRows }> = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name] as unknown as DenseSheet | undefined;
    if (!ws || ws['!type'] === 'chart' || ws['!type'] === 'dialog') return;
    const rows = ws['!data'] ?? [];
    let rowCount = 0;
    for (const r of rows) if (r && r.some(hasValue)) rowCount++;
    sheets.push({ name, rowCount, hasData: rowCount > 0, hidden: !!hiddenFlags[i]?.Hidden, rows });
  });
  if (sheets.length === 0) throw new UnusableInputError('corrupt-workbook', `${fileName} has no readable worksheets.`, { file: fileName });
  const chosenName = pickSheet(sheets, wanted, fileName);
  const chosen = sheets.find((s) => s.name === chosenName) ?? sheets[0]!;
  return {
    format: 'xls', encoding: null, delimiter: null,
    sheets: sheets.map(({ name, rowCount, hasData }) => ({ name, rowCount, hasData })), sheet: chosen.name,
    knownRowCount: chosen.rows.length,
    rows: (ctx) => sheetRows(chosen.rows, date1904, fileName, ctx),
  };
}

// Dense sheets are indexed by absolute row and column, so index + 1 is the row the user sees.
async function* sheetRows(dense: DenseRows, date1904: boolean, fileName: string, ctx: Parameters<RawSource['rows']>[0]): AsyncGenerator<RawRow[]> {
  const report = throttledProgress(ctx, dense.length, 'rows');
  let batch: RawRow[] = [];
  for (let r = 0; r < dense.length; r++) {
    const src = dense[r];
    if (!src) continue;
    if (src.length > LIMITS.columns) throw overLimit(fileName, `row ${r + 1} has more than ${thousands(LIMITS.columns)} columns`);
    const cells: CellValue[] = new Array<CellValue>(src.length);
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      cells[i] = c ? sheetCell(c, date1904) : null;
    }
    batch.push({ row: r + 1, cells });
    if (batch.length >= BATCH) {
      throwIfCancelled(ctx.signal);
      report(r);
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  report(dense.length, true);
}

function sheetCell(c: SjsCell, date1904: boolean): CellValue {
  switch (c.t) {
    case 'n': return typeof c.v === 'number' ? numberCell(c.v, c.z, date1904) : null;
    case 's': case 'str': return typeof c.v === 'string' ? textCell(c.v) : null;
    case 'b': return c.v === true;
    case 'd': return c.v instanceof Date ? dateFromJs(c.v) : typeof c.v === 'string' ? textCell(c.v) : null;
    case 'e': return { error: typeof c.v === 'number' ? ERRORS[c.v] ?? '#N/A' : String(c.w ?? '#N/A') };
    default: return null;
  }
}
