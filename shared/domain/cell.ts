/**
 * What a reader hands to the mapping layer for one spreadsheet cell.
 * Readers keep the user's view of the data: text stays text (leading zeros kept), numbers are
 * rounded to 15 significant digits (no 0.30000000000000004), dates are tagged so that a date
 * cell is never mistaken for a number (Excel serials) or for free text.
 */
export interface CellDate {
  /** `YYYY-MM-DD`, or `YYYY-MM-DD hh:mm:ss` when the cell carries a time of day. */
  readonly date: string;
}

export type CellValue = string | number | boolean | CellDate | null;

/** One data row of the source, numbered as Excel/LibreOffice show it (1-based, header row counted). */
export interface SourceRow {
  readonly row: number;
  /** Aligned with `SourceInfo.headers`; shorter rows are padded with null by the reader. */
  readonly cells: readonly CellValue[];
}

export function isCellDate(v: CellValue): v is CellDate {
  return typeof v === 'object' && v !== null && typeof (v as CellDate).date === 'string';
}

/** The text a user would see for a cell, used for samples, messages and text fields. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.date;
}
