import { cellText, columnLetter, type CellValue } from '../../../shared/domain/cell';
import { UnusableInputError } from '../../../shared/domain/errors';

/** A physical row as the source has it, before the header is known (row = Excel's row number). */
export interface RawRow {
  readonly row: number;
  readonly cells: CellValue[];
}

/** How many rows at the top may hold titles, notes or blank lines above the header. */
export const HEADER_SCAN_ROWS = 30;

const isFilled = (v: CellValue | undefined): boolean =>
  v !== null && v !== undefined && (typeof v !== 'string' || v.trim() !== '');

export function filledCount(cells: readonly CellValue[]): number {
  let n = 0;
  for (const v of cells) if (isFilled(v)) n++;
  return n;
}

// Looks like a value rather than a column name: numbers, amounts, dates written as text.
const VALUE_LIKE = /^[\s\d.,:/+\-()%]+$/;

function textLikeCount(cells: readonly CellValue[]): number {
  let n = 0;
  for (const v of cells) if (typeof v === 'string' && v.trim() !== '' && !VALUE_LIKE.test(v)) n++;
  return n;
}

/**
 * Finds the header among the first rows: blank rows and one-cell title rows are skipped; the header
 * is the first row that fills at least half as many cells as the widest row nearby, mostly with text.
 */
export function detectHeaderRow(rows: readonly RawRow[], fileName: string): RawRow {
  const window = rows.slice(0, HEADER_SCAN_ROWS);
  let widest = 0;
  for (const r of window) widest = Math.max(widest, filledCount(r.cells));
  if (widest === 0) throw new UnusableInputError('no-header', `${fileName} has no header row: the first rows are empty.`, { file: fileName });
  for (const r of window) {
    const filled = filledCount(r.cells);
    if (filled === 0) continue;
    if (widest >= 2 && (filled < 2 || filled < Math.ceil(widest / 2))) continue;
    if (textLikeCount(r.cells) < filled * 0.6) continue;
    return r;
  }
  throw new UnusableInputError('no-header',
    `${fileName} has no recognisable header row (a row of column names) in its first ${HEADER_SCAN_ROWS} rows; set the header row by hand.`,
    { file: fileName });
}

/**
 * Column names from the header row: blanks (also the cells a merged header spans) become
 * `Column K` after their letter, repeats become `Name (2)`. Columns past the last header cell
 * count when rows below hold data there (`width`), so nothing with data goes unnamed.
 * `repeatOf`: a renamed repeat's index -> the column whose name it repeats (a header that is
 * really `E-mail (2)` is no repeat).
 */
export function headerNames(cells: readonly CellValue[], width = 0): { names: string[]; repeatOf: Map<number, number> } {
  let n = cells.length;
  while (n > 0 && !isFilled(cells[n - 1])) n--;
  n = Math.max(n, width);
  const names: string[] = [];
  const repeatOf = new Map<number, number>();
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const base = cellText(cells[i] ?? null).replace(/\s+/g, ' ').trim() || `Column ${columnLetter(i)}`;
    const first = seen.get(base.toLowerCase());
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base} (${k})`;
    if (first !== undefined) repeatOf.set(i, first);
    seen.set(name.toLowerCase(), i);
    names.push(name);
  }
  return { names, repeatOf };
}

/** One past the last column that holds a value in the rows below `headerRow`. */
export function dataWidth(rows: readonly RawRow[], headerRow: number): number {
  let w = 0;
  for (const r of rows) {
    if (r.row <= headerRow) continue;
    for (let i = r.cells.length - 1; i >= w; i--) {
      if (isFilled(r.cells[i])) {
        w = i + 1;
        break;
      }
    }
  }
  return w;
}

/**
 * Aligns a row with the header in place (cheap on the 1M-row path): empty strings become null,
 * short rows are padded, cells beyond the header are dropped. Returns false for a blank row.
 */
export function shapeCells(cells: CellValue[], width: number): boolean {
  let filled = false;
  const n = Math.min(cells.length, width);
  for (let i = 0; i < n; i++) {
    const v = cells[i];
    if (v === '' || v === undefined) cells[i] = null;
    else if (!filled && v !== null && (typeof v !== 'string' || v.trim() !== '')) filled = true;
  }
  if (cells.length > width) cells.length = width;
  else for (let i = cells.length; i < width; i++) cells.push(null);
  return filled;
}
