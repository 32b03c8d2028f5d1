import type { CellValue } from '../domain/cell';

/*
 * Reports end in a totals row ("Összesen: 2 ügyfél", "Total", "Mindösszesen"): not a customer. A row
 * is one when its first filled cell is such a label (alone, or followed by `:`, `(` or a number) and
 * its Id cell is empty or is that cell. "Total Kft." or a "Total" in another column of a customer
 * with an Id stay customers.
 */
const SUMMARY_RE =
  /^(?:(?:mind)?[oö]\u0308?sszesen|v[eé]\u0301?g[oö]\u0308?sszeg|r[eé]\u0301?sz[oö]\u0308?sszeg|(?:grand |sub-?)?totals?|sum|summe|gesamt(?:summe)?)(?:\s*[:=(].*|\s+\d.*)?$/is;

// First letters of those labels: every other row is told apart by one char code.
const FIRST = new Uint8Array(256);
for (const ch of 'oOmMvVrRtTgGsSöÖ') FIRST[ch.charCodeAt(0)] = 1;

const blank = (c: CellValue | undefined): boolean => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** The index of the label cell when `cells` is a totals row, else -1. Runs for every row: cheap for the others. */
export function summaryCell(cells: readonly CellValue[], idIndex: number): number {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined || c === '') continue;
    if (typeof c !== 'string') return -1;
    const k = c.charCodeAt(0);
    if (k === 32 || k === 9 || k === 0xa0) {
      if (c.trim() === '') continue;
      if (FIRST[c.trim().charCodeAt(0)] !== 1) return -1;
    } else if (k > 255 || FIRST[k] !== 1) return -1;
    if (!SUMMARY_RE.test(c.trim())) return -1;
    return i === idIndex || idIndex < 0 || blank(cells[idIndex]) ? i : -1;
  }
  return -1;
}
