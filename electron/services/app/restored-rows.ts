/**
 * The Check session's side of parked rows: what "park invalid rows" writes, and whether a request
 * is the session's own (so the rows it delivers can leave the parked list).
 *
 * A parked row stays in the database while it is shown: it leaves only when a sync delivered it or
 * is updated in place when parked again. Closing the app before syncing therefore loses nothing.
 */
import type { SourceInfo } from '../../../shared/domain/source';
import { mergeForParking } from '../../../shared/domain/restored-row';
import type { CellEdit, CheckRow, SourceRequest } from '../../../shared/ipc/types';
import type { ParkedRow, RowToPark } from '../db/repositories/parked-row-repository';

export interface SessionRow extends CheckRow {
  errorCount: number;
  /** Its row in the parked list: restored rows, and file rows parked from this session. */
  parkedId: number | null;
  /** Parked values the file has no column for; written back when the row is parked again. */
  unplaced: Array<{ header: string; value: string }>;
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
