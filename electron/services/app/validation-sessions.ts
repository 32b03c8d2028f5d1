/**
 * The Check screen's data lives in main, not in the renderer: the validate job's kept rows (up to
 * `KEEP_ROWS`), paged to the virtualised grid, with the user's edits and exclusions. An edit
 * re-checks that one row with the same compiled mapping the engine uses; later jobs (preview,
 * sync) receive the session's edits and exclusions and recompute everything exactly. Parked rows
 * restored into the import are rows like the others, numbered after the file (restored-rows.ts).
 *
 * Counts after an edit or exclusion are updated row by row: errors, warnings and problem rows are
 * exact for the kept rows; projects and valid/rejected follow the rows' project ids (an edit that
 * changes a row's Id is not re-grouped; the Review step recomputes everything exactly).
 */
import { randomUUID } from 'node:crypto';
import type { RowIssue } from '../../../shared/domain/issue';
import { isRestoredRow, labelRestoredIssues, type ExtraRow } from '../../../shared/domain/restored-row';
import type { SourceInfo } from '../../../shared/domain/source';
import type {
  CellEdit, CheckCounts, CheckEditResult, CheckPage, CheckRow, CheckSession, SourceRequest,
} from '../../../shared/ipc/types';
import { UnusableInputError } from '../../../shared/domain/errors';
import { deliverableParked, restoredRows, rowsToPark, sameState, type ParkPlan, type SessionRow as Row } from './restored-rows';
import type { ReportLike, RowChecker, Session, SessionDeps } from './validation-session-types';

export type { ReportLike, RowChecker, SessionDeps } from './validation-session-types';

/** Rows kept for the grid (the 100,000-row target with headroom); counts stay exact beyond it. */
export const KEEP_ROWS = 150_000;

type ProjectState = 'none' | 'valid' | 'rejected';

const errorsIn = (issues: readonly RowIssue[]) => issues.filter((i) => i.severity === 'error').length;
const warningsIn = (issues: readonly RowIssue[]) => issues.length - errorsIn(issues);

export class ValidationSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: SessionDeps, private readonly maxSessions = 3) {}

  /** `extraRows`: the parked rows the validate job appended after the file's rows. */
  create(report: ReportLike, request: SourceRequest, extraRows: readonly ExtraRow[] = []): CheckSession {
    const keptNumbers = new Set(report.kept.map((k) => k.row));
    const fileKept = report.kept.filter((k) => !isRestoredRow(k.row));
    const rows: Row[] = fileKept.map((k) => ({
      row: k.row, cells: k.cells, issues: k.issues, excluded: false, edited: [], parked: false, origin: null,
      errorCount: errorsIn(k.issues), parkedId: null, unplaced: [],
    }));
    const restored = restoredRows(report.info.headers, extraRows, report.kept);
    const lastKept = fileKept.at(-1)?.row ?? 0;
    const s: Session = {
      id: randomUUID(),
      request,
      info: report.info,
      rows: [...rows, ...restored],
      byNumber: new Map([...rows, ...restored].map((r) => [r.row, r])),
      counts: {
        rows: report.rows, projects: report.projects, valid: report.valid, rejected: report.rejected,
        errors: report.errors, warnings: report.warnings, excluded: report.excluded ?? 0,
        problemRows: rows.filter((r) => r.issues.length > 0).length,
      },
      fileIssues: report.issues.filter((i) => i.row === 0 || (!keptNumbers.has(i.row) && i.row > lastKept && !isRestoredRow(i.row))),
      rowsTruncated: report.rows > report.kept.length,
      issuesTruncated: report.issuesTruncated,
      extraRows,
      unplacedColumns: [...new Set(restored.flatMap((r) => r.unplaced.map((u) => u.header)))],
      edits: new Map((request.edits ?? []).map((e) => [`${e.row}\u0000${e.column}`, e])),
      excluded: new Set(request.excludedRows ?? []),
      checker: null,
      projectIds: null,
      errorRowsById: null,
      rowsById: null,
    };
    for (const e of s.edits.values()) s.byNumber.get(e.row)?.edited.push(e.column);
    // Restored rows beyond the kept rows (a file above KEEP_ROWS) are checked here, for the grid.
    for (const r of restored) {
      if (keptNumbers.has(r.row)) continue;
      r.issues = this.checker(s)(r.row, r.cells).issues;
      labelRestoredIssues(r.issues, new Map([[r.row, r.origin!]]));
      r.errorCount = errorsIn(r.issues);
    }
    s.counts.problemRows = s.rows.filter((r) => r.issues.length > 0).length;
    this.sessions.set(s.id, s);
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value as string);
    return this.view(s);
  }

  page(id: string, onlyProblems: boolean, offset: number, limit: number): CheckPage {
    const s = this.get(id);
    const list = onlyProblems ? s.rows.filter((r) => r.issues.length > 0) : s.rows;
    return { total: list.length, offset, rows: list.slice(offset, offset + limit).map(toCheckRow) };
  }

  editCell(id: string, rowNumber: number, column: string, value: string): CheckEditResult {
    const s = this.get(id);
    const row = s.byNumber.get(rowNumber);
    const col = s.info.headers.indexOf(column);
    if (!row || col < 0) throw new UnusableInputError('cell-not-in-check', `Row ${rowNumber} / column "${column}" is not in this check.`, { row: rowNumber, column });
    this.ensureIds(s);
    const cells = [...row.cells];
    cells[col] = value;
    const { issues } = this.checker(s)(rowNumber, cells);
    if (row.origin) labelRestoredIssues(issues, new Map([[rowNumber, row.origin]]));
    s.edits.set(`${rowNumber}\u0000${column}`, { row: rowNumber, column, value });
    if (!row.edited.includes(column)) row.edited.push(column);
    this.replaceIssues(s, row, issues);
    row.cells = cells;
    return { row: toCheckRow(row), counts: { ...s.counts } };
  }

  exclude(id: string, rowNumbers: readonly number[], excluded: boolean): CheckCounts {
    const s = this.get(id);
    this.ensureIds(s);
    for (const n of rowNumbers) {
      const row = s.byNumber.get(n);
      if (!row || row.excluded === excluded) continue;
      const sign = excluded ? -1 : 1;
      this.countRow(s, row, sign);
      s.counts.excluded -= sign;
      row.excluded = excluded;
      if (excluded) s.excluded.add(n);
      else s.excluded.delete(n);
    }
    return { ...s.counts };
  }

  /** Leaves out every row with an error that is not left out yet; returns those rows (to undo) and the counts. */
  excludeErrorRows(id: string): { rows: number[]; counts: CheckCounts } {
    const rows = this.get(id).rows.filter((r) => r.errorCount > 0 && !r.excluded).map((r) => r.row);
    return { rows, counts: this.exclude(id, rows, true) };
  }

  /** Index (in the list the grid shows) of the next row after `from` with a problem that is not left out, wrapping; null: none. */
  nextProblem(id: string, onlyProblems: boolean, from: number): number | null {
    const s = this.get(id);
    const list = onlyProblems ? s.rows.filter((r) => r.issues.length > 0) : s.rows;
    const n = list.length;
    for (let k = 1; k <= n; k++) {
      const i = (from + k) % n;
      if (list[i]!.issues.length > 0 && !list[i]!.excluded) return i;
    }
    return null;
  }

  /**
   * Takes a restored row out of this session for good (the user forgot it): not shown, not counted,
   * not sent by this session's jobs. Returns its parked-row id for the caller to delete (null when
   * a sync already delivered it) and the updated session. Rows of the file itself are refused:
   * their data is in the file, so "leave out" is the way to skip them.
   */
  discardRestored(id: string, rowNumber: number): { parkedId: number | null; session: CheckSession } {
    const s = this.get(id);
    const row = s.byNumber.get(rowNumber);
    if (!row || !row.origin || !isRestoredRow(rowNumber)) {
      throw new UnusableInputError('row-not-kept', `Row ${rowNumber} is not a kept row of this check.`, { row: rowNumber });
    }
    this.ensureIds(s);
    if (row.excluded) s.counts.excluded--;
    else this.countRow(s, row, -1);
    s.counts.rows--;
    s.rows = s.rows.filter((r) => r !== row);
    s.byNumber.delete(rowNumber);
    s.excluded.delete(rowNumber);
    for (const [k, e] of s.edits) if (e.row === rowNumber) s.edits.delete(k);
    s.extraRows = s.extraRows.filter((e) => e.row !== rowNumber);
    s.unplacedColumns = [...new Set(s.rows.flatMap((r) => r.unplaced.map((u) => u.header)))];
    return { parkedId: row.parkedId, session: this.view(s) };
  }

  session(id: string): CheckSession & { edits: CellEdit[]; excludedRows: number[] } {
    const s = this.get(id);
    return { ...this.view(s), edits: [...s.edits.values()], excludedRows: [...s.excluded].sort((a, b) => a - b) };
  }

  /** Rows with issues (export) or with errors only (parking), excluded rows left out. */
  problemRows(id: string, errorsOnly = false): CheckRow[] {
    const s = this.get(id);
    return s.rows.filter((r) => !r.excluded && (errorsOnly ? r.errorCount > 0 : r.issues.length > 0)).map(toCheckRow);
  }

  /** The parked rows to append to this session's preview and sync jobs. */
  extraRows(id: string): readonly ExtraRow[] {
    return this.get(id).extraRows;
  }

  /** What "park invalid rows" writes: new rows to insert, restored rows to update in place. */
  parkPlan(id: string, sourceKey: string | null): ParkPlan {
    const s = this.get(id);
    return rowsToPark(s.info, s.rows, sourceKey);
  }

  /** Rows just inserted into the parked list (so parking again updates them, a sync removes them). */
  markParked(id: string, parked: ReadonlyArray<{ row: number; parkedId: number }>): void {
    const s = this.get(id);
    for (const p of parked) s.byNumber.get(p.row)!.parkedId = p.parkedId;
  }

  /**
   * Parked-row ids a sync with exactly this request delivers (see deliverableParked); [] when the
   * request's edits or exclusions differ from the session's, since then the session cannot vouch.
   */
  deliverableParked(id: string, request: Pick<SourceRequest, 'edits' | 'excludedRows'>): number[] {
    const s = this.get(id);
    if (!sameState(s.edits.values(), s.excluded, request)) return [];
    return deliverableParked(s.rows, this.checker(s), s.rowsTruncated);
  }

  /** Parked rows a sync delivered: no longer parked (parking them again inserts them anew). */
  forgetParked(id: string, parkedIds: readonly number[]): void {
    const s = this.sessions.get(id);
    const gone = new Set(parkedIds);
    for (const r of s?.rows ?? []) if (r.parkedId !== null && gone.has(r.parkedId)) r.parkedId = null;
  }

  headers(id: string): string[] {
    return [...this.get(id).info.headers];
  }

  info(id: string): SourceInfo {
    return this.get(id).info;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private get(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new UnusableInputError('check-closed', 'This check is no longer open; please check the file again.', { sessionId: id });
    return s;
  }

  private checker(s: Session): RowChecker {
    s.checker ??= this.deps.makeChecker(s.request, s.info, s.rows.slice(0, 200));
    return s.checker;
  }

  /** Project ids of the kept rows, so a row's fix can turn its project valid again. */
  private ensureIds(s: Session): void {
    if (s.projectIds) return;
    const check = this.checker(s);
    s.projectIds = new Map();
    s.errorRowsById = new Map();
    s.rowsById = new Map();
    for (const r of s.rows) {
      const id = check(r.row, r.cells).id;
      s.projectIds.set(r.row, id);
      if (id === null || r.excluded) continue;
      s.rowsById.set(id, (s.rowsById.get(id) ?? 0) + 1);
      if (r.errorCount > 0) s.errorRowsById.set(id, (s.errorRowsById.get(id) ?? 0) + 1);
    }
  }

  /** A row's issues and project membership join (sign 1) or leave (sign -1) the counts. */
  private countRow(s: Session, row: Row, sign: 1 | -1): void {
    s.counts.errors += sign * row.errorCount;
    s.counts.warnings += sign * (row.issues.length - row.errorCount);
    if (row.issues.length > 0) s.counts.problemRows += sign;
    this.changeProject(s, row.row, sign, row.errorCount > 0 ? sign : 0);
  }

  private replaceIssues(s: Session, row: Row, issues: RowIssue[]): void {
    const errors = errorsIn(issues);
    if (!row.excluded) {
      s.counts.errors += errors - row.errorCount;
      s.counts.warnings += warningsIn(issues) - (row.issues.length - row.errorCount);
      s.counts.problemRows += (issues.length > 0 ? 1 : 0) - (row.issues.length > 0 ? 1 : 0);
      if (row.errorCount > 0 && errors === 0) this.changeProject(s, row.row, 0, -1);
      if (row.errorCount === 0 && errors > 0) this.changeProject(s, row.row, 0, 1);
    }
    row.issues = issues;
    row.errorCount = errors;
  }

  /**
   * A row joins/leaves its project (dRows) or gains/loses errors (dErrors); the project's state
   * (absent / valid / rejected) before and after moves the project counts.
   */
  private changeProject(s: Session, rowNumber: number, dRows: number, dErrors: number): void {
    const id = s.projectIds?.get(rowNumber);
    if (id === null || id === undefined || !s.errorRowsById || !s.rowsById) return;
    const state = (): ProjectState => {
      if ((s.rowsById?.get(id) ?? 0) <= 0) return 'none';
      return (s.errorRowsById?.get(id) ?? 0) > 0 ? 'rejected' : 'valid';
    };
    const before = state();
    s.rowsById.set(id, Math.max(0, (s.rowsById.get(id) ?? 0) + dRows));
    s.errorRowsById.set(id, Math.max(0, (s.errorRowsById.get(id) ?? 0) + dErrors));
    const after = state();
    if (before === after) return;
    if (before === 'none') s.counts.projects++;
    else s.counts[before]--;
    if (after === 'none') s.counts.projects--;
    else s.counts[after]++;
  }

  private view(s: Session): CheckSession {
    return {
      sessionId: s.id,
      info: s.info,
      headers: [...s.info.headers],
      counts: { ...s.counts },
      fileIssues: s.fileIssues,
      rowsTruncated: s.rowsTruncated,
      issuesTruncated: s.issuesTruncated,
      restoredParked: s.extraRows.length,
      unplacedColumns: [...s.unplacedColumns],
    };
  }
}

function toCheckRow(r: Row): CheckRow {
  return { row: r.row, cells: r.cells, issues: r.issues, excluded: r.excluded, edited: [...r.edited], parked: r.parked, origin: r.origin };
}

