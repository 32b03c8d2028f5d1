/**
 * The Check session's side of parked rows: restored rows as grid rows, what "park invalid rows"
 * writes, and which parked rows a sync delivers (so they leave the parked list).
 *
 * A parked row stays in the database while it is shown: it leaves only when a sync delivered it or
 * is updated in place when parked again. Closing the app before syncing therefore loses nothing.
 */
import type { SourceInfo } from '../../../shared/domain/source';
import {
  alignCells, mergeForParking, RESTORED_ROW_BASE, type ExtraRow,
} from '../../../shared/domain/restored-row';
import type { CellEdit, CheckRow, SourceRequest } from '../../../shared/ipc/types';
import type { ParkedRow, RowToPark } from '../db/repositories/parked-row-repository';
import type { KeptRow } from '../engine/pipeline';

export interface SessionRow extends CheckRow {
  errorCount: number;
  /** Its row in the parked list: restored rows, and file rows parked from this session. */
  parkedId: number | null;
  /** Parked values the file has no column for; written back when the row is parked again. */
  unplaced: Array<{ header: string; value: string }>;
}

/** A map from a row (as it stands after the user's edits) to its project id; null without one. */
export type IdOf = (row: number, cells: readonly string[]) => { id: string | null };

const errorsIn = (r: { issues: CheckRow['issues'] }) => r.issues.filter((i) => i.severity === 'error').length;

/** Grid rows for the restored parked rows, with the validate job's result where it kept them. */
export function restoredRows(headers: readonly string[], extras: readonly ExtraRow[], kept: readonly KeptRow[]): SessionRow[] {
  const byRow = new Map(kept.map((k) => [k.row, k]));
  return extras.map((e) => {
    const { cells, unplaced } = alignCells(headers, e.headers, e.cells);
    const k = byRow.get(e.row);
    const issues = k?.issues ?? [];
    return {
      row: e.row, cells: k?.cells ?? cells, issues, excluded: false, edited: [], parked: true, origin: e.origin,
      errorCount: errorsIn({ issues }), parkedId: e.row - RESTORED_ROW_BASE, unplaced,
    };
  });
}

/**
 * Whether a parked row comes back into an import of the file with this key (see source-key.ts):
 * rows parked from this very file are in it already and do not come back twice. One rule for the
 * Check session and for the Source screen's "rows waiting" count, so the two always agree.
 */
export const comesBack = (key: string | null) => (p: Pick<ParkedRow, 'sourceKey'>): boolean => key === null || p.sourceKey !== key;

export interface ParkPlan {
  /** File rows with errors, new to the parked list; `sessionRow` is their row in this session. */
  insert: Array<RowToPark & { sessionRow: number }>;
  /** Rows already parked: still invalid, or fixed but not sent yet (the fix is kept). */
  update: Array<{ id: number } & Omit<RowToPark, 'row'>>;
}

/**
 * Excluded rows are left as they are (a restored one stays parked unchanged). `sourceKey` marks
 * the file rows as parked from this exact file (see source-key.ts).
 */
export function rowsToPark(info: SourceInfo, rows: readonly SessionRow[], sourceKey: string | null): ParkPlan {
  const plan: ParkPlan = { insert: [], update: [] };
  for (const r of rows) {
    if (r.excluded) continue;
    const { headers, cells } = mergeForParking(info.headers, r.cells, r.unplaced);
    if (r.parkedId !== null) {
      if (r.errorCount > 0 || r.edited.length > 0) plan.update.push({ id: r.parkedId, headers, cells, issues: r.issues });
    } else if (r.errorCount > 0) {
      // A restored row a sync already delivered and the user broke again keeps its origin.
      plan.insert.push({
        row: r.origin?.row ?? r.row, sourceName: r.origin?.fileName ?? info.fileName, sourceKey: r.origin ? null : sourceKey,
        headers, cells, issues: r.issues, sessionRow: r.row,
      });
    }
  }
  return plan;
}

/**
 * Parked rows a sync of this session sends: not excluded, without errors, and in a project none of
 * whose rows has an error (a rejected project is not written). Exact only when the session holds
 * every row of the file; for larger files nothing is claimed and the rows stay parked (they come
 * back once more and are then "unchanged"), since a row beyond the kept ones could reject them.
 */
export function deliverableParked(rows: readonly SessionRow[], idOf: IdOf, truncated: boolean): number[] {
  if (truncated) return [];
  const rejected = new Set<string>();
  for (const r of rows) {
    if (r.excluded || r.errorCount === 0) continue;
    const id = idOf(r.row, r.cells).id;
    if (id !== null) rejected.add(id);
  }
  const out: number[] = [];
  for (const r of rows) {
    if (r.parkedId === null || r.excluded || r.errorCount > 0) continue;
    const id = idOf(r.row, r.cells).id;
    if (id !== null && !rejected.has(id)) out.push(r.parkedId);
  }
  return out;
}

/** The request carries exactly the session's edits and exclusions (what the Check screen hands on). */
export function sameState(
  edits: Iterable<CellEdit>, excluded: ReadonlySet<number>, request: Pick<SourceRequest, 'edits' | 'excludedRows'>,
): boolean {
  const key = (e: CellEdit) => `${e.row}\u0000${e.column}\u0000${e.value}`;
  const mine = new Set([...edits].map(key));
  const theirs = new Set((request.edits ?? []).map(key));
  const other = new Set(request.excludedRows ?? []);
  return mine.size === theirs.size && [...mine].every((k) => theirs.has(k))
    && other.size === excluded.size && [...excluded].every((n) => other.has(n));
}
