/**
 * Parked rows that come back into a later import ("restored rows"). They travel with that import's
 * jobs as extra rows after the file's own rows, so the Check grid, the change preview and the feed
 * treat them exactly like file rows: same mapping, same edits and exclusions, same issues.
 */
import type { RowIssue } from './issue';

/**
 * Restored rows are numbered from here (plus their parked-row id): far beyond any spreadsheet
 * (Excel stops at 1,048,576 rows), stable from job to job of one import, so the session's edits
 * and exclusions keyed by row number reach them, and never equal to a row of the file itself.
 */
export const RESTORED_ROW_BASE = 1_000_000_000;

export const restoredRowNumber = (parkedId: number): number => RESTORED_ROW_BASE + parkedId;
export const isRestoredRow = (row: number): boolean => row > RESTORED_ROW_BASE;

/** The file a restored row was first parked from and its row number there. */
export interface RowOrigin {
  fileName: string;
  row: number;
}

/** A parked row handed to a job, cells as parked (aligned with `headers`, or positional when null). */
export interface ExtraRow {
  row: number;
  origin: RowOrigin;
  headers: readonly string[] | null;
  cells: readonly string[];
}

/** Header names compared the way users think of them: case, accents' encoding and spaces aside. */
export const headerKey = (h: string): string => h.normalize('NFC').replace(/\s+/g, '').toLowerCase();

export interface AlignedCells {
  /** Aligned with the new file's headers ('' where the parked row had nothing for a column). */
  cells: string[];
  /** Non-empty parked values whose header the new file lacks (they stay in the parked row). */
  unplaced: Array<{ header: string; value: string }>;
}

/**
 * Puts a parked row's cells into the new file's column order, matching headers by name. Rows
 * parked before headers were stored (null) can only be placed by position: the best guess, right
 * whenever the file layout did not change.
 */
export function alignCells(headers: readonly string[], parkedHeaders: readonly string[] | null, cells: readonly string[]): AlignedCells {
  if (parkedHeaders === null) return { cells: headers.map((_h, i) => cells[i] ?? ''), unplaced: [] };
  const byKey = new Map<string, number[]>();
  parkedHeaders.forEach((h, i) => {
    const k = headerKey(h);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  const used = new Set<number>();
  // Duplicate header names pair up in order (the first "Phone" with the first "Phone").
  const out = headers.map((h) => {
    const i = byKey.get(headerKey(h))?.shift();
    if (i === undefined) return '';
    used.add(i);
    return cells[i] ?? '';
  });
  const unplaced = parkedHeaders
    .map((header, i) => ({ header, value: cells[i] ?? '', i }))
    .filter((c) => !used.has(c.i) && c.value.trim() !== '')
    .map(({ header, value }) => ({ header, value }));
  return { cells: out, unplaced };
}

/**
 * The cells to park again for a restored row: the fixed cells under the new file's headers, plus
 * the parked values the new file had no column for, so parking again never drops data.
 */
export function mergeForParking(
  headers: readonly string[], cells: readonly string[], unplaced: ReadonlyArray<{ header: string; value: string }>,
): { headers: string[]; cells: string[] } {
  return { headers: [...headers, ...unplaced.map((u) => u.header)], cells: [...cells, ...unplaced.map((u) => u.value)] };
}

/** Issue params naming a restored row's origin; the UI shows "parked row N of file X" from them. */
export interface RestoredIssueParams {
  parkedFile: string;
  parkedRow: number;
}

/** Adds the origin of restored rows to their issues (in place; other rows' issues untouched). */
export function labelRestoredIssues(issues: RowIssue[], origins: ReadonlyMap<number, RowOrigin>): void {
  if (origins.size === 0) return;
  for (const i of issues) {
    const o = origins.get(i.row);
    if (o) i.params = { ...i.params, parkedFile: o.fileName, parkedRow: o.row };
  }
}

/** A restored row's origin from an issue's params, or null for a file row. */
export function issueOrigin(issue: Pick<RowIssue, 'params'>): RowOrigin | null {
  const p = issue.params;
  return p && typeof p.parkedFile === 'string' && typeof p.parkedRow === 'number' ? { fileName: p.parkedFile, row: p.parkedRow } : null;
}
