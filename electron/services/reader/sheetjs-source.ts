import { readFile } from 'node:fs/promises';
import type { CellValue } from '../../../shared/domain/cell';
import { UnusableInputError } from '../../../shared/domain/errors';
import type { SourceFormat } from '../../../shared/domain/source';
import type { RawRow } from './header';
import type { RawSource } from './raw-source';
import type * as XLSXNS from 'xlsx';
import { xlsx } from './sheetjs';
import { dateFromJs, numberCell, textCell } from './cell-values';
import { throttledProgress, throwIfCancelled } from './progress';

/**
 * XLS (BIFF), ODS and HTML/XML "Excel" exports through SheetJS. These formats top out far below
 * SheetJS's limits (XLS: 65,536 rows), so the workbook is read once into memory and kept.
 */
interface SjsCell { t: string; v?: unknown; z?: string; w?: string }
type DenseSheet = Array<Array<SjsCell | undefined> | undefined> & { '!ref'?: string };

const BATCH = 2000;

function hasValue(c: SjsCell | undefined): boolean {
  return !!c && c.t !== 'z' && c.v !== undefined && c.v !== null && c.v !== '';
}

export async function openWithSheetJs(path: string, fileName: string, format: SourceFormat, wanted: string | undefined):
  Promise<{ source: RawSource; sheetNames: string[]; chosen: string }> {
  let wb: ReturnType<typeof XLSXNS.read>;
  try {
    wb = xlsx().read(await readFile(path), { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellText: false });
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/password|encrypt/i.test(msg)) {
      throw new UnusableInputError('password-protected', `${fileName} is password-protected; remove the password in Excel and save it again.`, { file: fileName });
    }
    throw new UnusableInputError('corrupt-workbook', `${fileName} is damaged and cannot be read (${msg}); save or download it again.`, { file: fileName });
  }
  const date1904 = !!(wb.Workbook as { WBProps?: { date1904?: boolean } } | undefined)?.WBProps?.date1904;
  const sheets = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name] as unknown as DenseSheet | undefined;
    const rows = Array.isArray(ws) ? ws : [];
    let rowCount = 0;
    for (const r of rows) if (r && r.some(hasValue)) rowCount++;
    const hidden = !!(wb.Workbook as { Sheets?: Array<{ Hidden?: number }> } | undefined)?.Sheets?.[i]?.Hidden;
    return { name, rowCount, hasData: rowCount > 0, hidden };
  });
  if (sheets.length === 0) {
    throw new UnusableInputError('not-a-spreadsheet', `${fileName} is not a spreadsheet (no sheets found).`, { file: fileName });
  }
  const chosen = pickSheet(sheets, wanted, fileName);
  const ws = (wb.Sheets[chosen] as unknown as DenseSheet | undefined) ?? [];
  const dense: DenseSheet = Array.isArray(ws) ? ws : [];
  const physical = dense.length;
  const source: RawSource = {
    format, encoding: null, delimiter: null, sheets: sheets.map(({ name, rowCount, hasData }) => ({ name, rowCount, hasData })), sheet: chosen,
    knownRowCount: physical,
    rows: (ctx) => sheetRows(dense, date1904, ctx),
  };
  return { source, sheetNames: wb.SheetNames, chosen };
}

export function pickSheet(sheets: ReadonlyArray<{ name: string; hasData: boolean; hidden?: boolean }>, wanted: string | undefined,
  fileName: string): string {
  if (wanted !== undefined) {
    const hit = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!hit) {
      throw new UnusableInputError('sheet-not-found',
        `${fileName} has no sheet "${wanted}"; its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
        { file: fileName, sheet: wanted, sheets: sheets.map((s) => s.name).join(', ') });
    }
    return hit.name;
  }
  // The first sheet with data that the user can see; hidden sheets only when nothing else has data.
  return (sheets.find((s) => s.hasData && !s.hidden) ?? sheets.find((s) => s.hasData) ?? sheets[0])?.name ?? '';
}

// Dense sheets are indexed by absolute row and column, so index + 1 is the row the user sees.
async function* sheetRows(dense: DenseSheet, date1904: boolean, ctx: Parameters<RawSource['rows']>[0]):
  AsyncGenerator<RawRow[]> {
  const report = throttledProgress(ctx, dense.length, 'rows');
  let batch: RawRow[] = [];
  for (let r = 0; r < dense.length; r++) {
    const src = dense[r];
    if (!src) continue;
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
    case 'e': return c.w ?? '#ERROR';
    default: return null;
  }
}
