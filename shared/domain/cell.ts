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

/** A time of day or a duration without a date: `hh:mm:ss` (a duration's hours may pass 24). */
export interface CellTime {
  readonly time: string;
}

/**
 * A number whose format changes what it reads as: a percentage (0.15 shown as `15%`). A number
 * field takes `number`, a text field takes `shown`, what the sheet shows.
 */
export interface CellPercent {
  readonly number: number;
  readonly shown: string;
}

/**
 * A cell with no usable value: an error (`#DIV/0!`, `#N/A`, `#VALUE!`, `#REF!` …, in `error`),
 * or a formula saved without its result (some generators write only the formula, in `formula`).
 * Mapping turns either into an issue naming row and column.
 */
export type CellError = { readonly error: string } | { readonly formula: string };

export type CellValue = string | number | boolean | CellDate | CellTime | CellPercent | CellError | null;

/** One data row of the source, numbered as Excel/LibreOffice show it (1-based, header row counted). */
export interface SourceRow {
  readonly row: number;
  /** Aligned with `SourceInfo.headers`; shorter rows are padded with null by the reader. */
  readonly cells: readonly CellValue[];
}

export function isCellDate(v: CellValue): v is CellDate {
  return typeof v === 'object' && v !== null && typeof (v as CellDate).date === 'string';
}

export function isCellError(v: CellValue): v is CellError {
  return typeof v === 'object' && v !== null && ('error' in v || 'formula' in v);
}

/** The text a user would see for a cell, used for samples, messages and text fields. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if ('date' in v) return v.date;
  if ('time' in v) return v.time;
  if ('shown' in v) return v.shown;
  return 'error' in v ? v.error : `=${v.formula}`;
}

/** A column's letters as spreadsheets show them (0 -> A, 26 -> AA). */
export function columnLetter(index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}
