/**
 * The Check screen's data lives in main, not in the renderer, and on disk, not in memory: a
 * validate job leaves its store of problem rows (db/scratch-store.ts) and where every row is;
 * pages are read again from the file (check-rows.ts), so any row of a file of any size can be seen
 * and fixed. An edit re-checks that one row with the same compiled mapping the engine uses; later
 * jobs (preview, sync) receive the session's edits and exclusions and recompute everything.
 *
 * Counts follow each edit and exclusion exactly: errors, warnings and problem rows from the
 * stored issues, projects from how many rows of each Id are in and how many of those have errors
 * (key-counts.ts).
 */
import { randomUUID } from 'node:crypto';
import { cellText, type CellValue } from '../../../shared/domain/cell';
import type { RowIssue } from '../../../shared/domain/issue';
import { alignCells, isRestoredRow, labelRestoredIssues, RESTORED_ROW_BASE, type ExtraRow } from '../../../shared/domain/restored-row';
import type { SourceInfo } from '../../../shared/domain/source';
import type { CellEdit, CheckCounts, CheckEditResult, CheckPage, CheckRow, CheckSession, SourceRequest } from '../../../shared/ipc/types';
import { UnusableInputError } from '../../../shared/domain/errors';
import { ScratchStore, type StoredProblem } from '../db/scratch-store';
import { idKey } from '../engine/id-set';
import type { ValidationReport } from '../engine/validate';
import { CheckRows } from './check-rows';
import { KeyCounts } from './key-counts';
import { rowsToPark, sameState, type ParkPlan, type SessionRow } from './restored-rows';
import type { RowChecker, SessionDeps } from './validation-session-types';

export type { RowChecker, SessionDeps } from './validation-session-types';

/** What a session takes over from the validate job (its report, with the store kept: `keep`). */
export type ReportLike = Pick<ValidationReport, 'info' | 'rows' | 'projects' | 'valid' | 'rejected' | 'errors' | 'warnings' | 'issues'
  | 'issuesTruncated' | 'excluded' | 'check'>;

interface Restored { row: number; cells: string[]; origin: NonNullable<CheckRow['origin']>; parkedId: number | null; unplaced: SessionRow['unplaced'] }

interface Session {
  id: string;
  request: SourceRequest;
  info: SourceInfo;
  store: ScratchStore;
  rows: CheckRows;
  restored: Map<number, Restored>;
  counts: CheckCounts;
  fileIssues: RowIssue[];
  issuesTruncated: boolean;
  extraRows: readonly ExtraRow[];
  edits: Map<string, CellEdit>;
  excluded: Set<number>;
  checker: RowChecker | null;
  /** Built on the first change (see key-counts.ts); rows whose Id an edit changed, by number. */
  keys: KeyCounts | null;
  rekeyed: Map<number, number>;
  /** Rows left out by the request the check ran with: never checked. */
  uncheckedRows: Set<number>;
  /** File rows parked from this session, by row: their parked-row id. */
  parkedFileRows: Map<number, number>;
}

export class ValidationSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: SessionDeps, private readonly maxSessions = 3) {}

  /** `extraRows`: the parked rows the validate job read after the file's rows. */
  create(report: ReportLike, request: SourceRequest, extraRows: readonly ExtraRow[] = []): CheckSession {
    if (!report.check) throw new Error('A Check session needs the check kept (validate with keep).');
    const store = ScratchStore.open(report.check.storeFile, report.check.storeDir, this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {});
    const headers = report.info.headers;
    const restored = new Map<number, Restored>();
    for (const e of extraRows) {
      const { cells, unplaced } = alignCells(headers, e.headers, e.cells);
      restored.set(e.row, { row: e.row, cells, origin: e.origin, parkedId: e.row - RESTORED_ROW_BASE, unplaced });
    }
    const s: Session = {
      id: randomUUID(), request, info: report.info, store, rows: new CheckRows(report.check.source, report.check.paging), restored,
      counts: {
        rows: report.rows, projects: report.projects, valid: report.valid, rejected: report.rejected,
        errors: report.errors, warnings: report.warnings, excluded: report.excluded, problemRows: store.problemCount(),
      },
      fileIssues: report.issues.filter((i) => i.row === 0),
      issuesTruncated: report.issuesTruncated,
      extraRows,
      edits: new Map((request.edits ?? []).map((e) => [`${e.row}\u0000${e.column}`, e])),
      excluded: new Set(request.excludedRows ?? []),
      checker: null, keys: null, rekeyed: new Map(), uncheckedRows: new Set(request.excludedRows ?? []), parkedFileRows: new Map(),
    };
    this.sessions.set(s.id, s);
    while (this.sessions.size > this.maxSessions) this.close(this.sessions.keys().next().value as string);
    return this.view(s);
  }

  async page(id: string, onlyProblems: boolean, offset: number, limit: number): Promise<CheckPage> {
    const s = this.get(id);
    if (onlyProblems) {
      const problems = s.store.problemPage(offset, limit);
      const cells = await this.cellsOf(s, problems.map((p) => p.row));
      return { total: s.store.problemCount(), offset, rows: problems.map((p) => this.toRow(s, p.row, cells.get(p.row) ?? [], p)) };
    }
    const fileRows = s.rows.fileRows;
    const out: CheckRow[] = [];
    const fromFile = offset < fileRows ? await s.rows.slice(offset, Math.min(limit, fileRows - offset)) : [];
    const problems = s.store.problems(fromFile.map((r) => r.row));
    for (const r of fromFile) out.push(this.toRow(s, r.row, this.withEdits(s, r.row, r.cells), problems.get(r.row) ?? null));
    const restored = [...s.restored.values()];
    for (let i = Math.max(0, offset - fileRows); out.length < limit && i < restored.length; i++) {
      const r = restored[i]!;
      out.push(this.toRow(s, r.row, this.withEdits(s, r.row, r.cells), s.store.problem(r.row)));
    }
    return { total: fileRows + restored.length, offset, rows: out };
  }

  async editCell(id: string, rowNumber: number, column: string, value: string): Promise<CheckEditResult> {
    const s = this.get(id);
    const col = s.info.headers.indexOf(column);
    const cells = col < 0 ? undefined : (await this.cellsOf(s, [rowNumber])).get(rowNumber);
    if (!cells) throw new UnusableInputError('cell-not-in-check', `Row ${rowNumber} / column "${column}" is not in this check.`, { row: rowNumber, column });
    this.ensureKeys(s);
    const next = [...cells];
    next[col] = value;
    const before = s.store.problem(rowNumber);
    const excluded = s.excluded.has(rowNumber);
    if (!excluded) this.leave(s, rowNumber, before);
    s.edits.set(`${rowNumber}\u0000${column}`, { row: rowNumber, column, value });
    const checked = this.check(s, rowNumber, next);
    s.rekeyed.set(rowNumber, checked.key);
    this.store(s, checked.problem, rowNumber);
    if (!excluded) this.enter(s, rowNumber, checked.problem);
    return { row: this.toRow(s, rowNumber, next, checked.problem), counts: { ...s.counts } };
  }

  async exclude(id: string, rowNumbers: readonly number[], excluded: boolean): Promise<CheckCounts> {
    const s = this.get(id);
    this.ensureKeys(s);
    const known = await this.cellsOf(s, rowNumbers);
    for (const n of rowNumbers) {
      if (!known.has(n) || s.excluded.has(n) === excluded) continue;
      if (excluded) {
        this.leave(s, n, s.store.problem(n));
        s.excluded.add(n);
      } else {
        s.excluded.delete(n);
        // A row left out from the start was never checked: check it now.
        let problem = s.store.problem(n);
        if (!problem && !this.wasChecked(s, n)) {
          problem = this.check(s, n, known.get(n)!).problem;
          this.store(s, problem, n);
        }
        this.enter(s, n, problem);
      }
      s.counts.excluded += excluded ? 1 : -1;
    }
    return { ...s.counts };
  }

  /** Leaves out every row with an error that is still in; returns those rows (to undo exactly that) and the counts. */
  async excludeErrorRows(id: string): Promise<{ rows: number[]; counts: CheckCounts }> {
    const s = this.get(id);
    const rows: number[] = [];
    for (const p of s.store.allProblems()) if (p.errors > 0 && !s.excluded.has(p.row)) rows.push(p.row);
    return { rows, counts: await this.exclude(id, rows, true) };
  }

  /** Index (in the list the grid shows) of the next row after `from` with a problem that is not left out, wrapping; null: none. */
  async nextProblem(id: string, onlyProblems: boolean, from: number): Promise<number | null> {
    const s = this.get(id);
    const open = (p: { row: number }): boolean => !s.excluded.has(p.row);
    if (onlyProblems) {
      const total = s.store.problemCount();
      for (let k = 1; k <= total; k++) {
        const i = (from + k) % total;
        const [p] = s.store.problemPage(i, 1);
        if (p && open(p)) return i;
      }
      return null;
    }
    // In all rows: the problem rows in file order, after the row shown at `from`, then from the top.
    const ordinal = (row: number): number => this.ordinalOf(s, row);
    const after = from >= 0 ? this.rowAtOrdinal(s, from) : -1;
    let first: number | null = null;
    for (const p of s.store.allProblems()) {
      if (!open(p)) continue;
      const at = ordinal(p.row);
      if (at < 0) continue;
      first ??= at;
      if (after < 0 || p.row > after) return at;
    }
    return first;
  }

  /** Index of the spreadsheet's row `rowNumber` in the list the grid shows; null: not in it (a blank line, a title row, no problem). */
  findRow(id: string, onlyProblems: boolean, rowNumber: number): number | null {
    const s = this.get(id);
    if (onlyProblems) return s.store.problemIndex(rowNumber);
    const at = this.ordinalOf(s, rowNumber);
    return at >= 0 ? at : null;
  }

  /**
   * Takes a restored row out of this session for good (the user forgot it): not shown, not counted,
   * not sent by this session's jobs. Returns its parked-row id for the caller to delete and the
   * updated session. Rows of the file itself are refused: "leave out" is the way to skip them.
   */
  discardRestored(id: string, rowNumber: number): { parkedId: number | null; session: CheckSession } {
    const s = this.get(id);
    const row = s.restored.get(rowNumber);
    if (!row || !isRestoredRow(rowNumber)) throw new UnusableInputError('row-not-kept', `Row ${rowNumber} is not a kept row of this check.`, { row: rowNumber });
    this.ensureKeys(s);
    if (s.excluded.has(rowNumber)) {
      s.counts.excluded--;
      s.excluded.delete(rowNumber);
    } else this.leave(s, rowNumber, s.store.problem(rowNumber));
    s.counts.rows--;
    s.store.removeProblem(rowNumber);
    s.restored.delete(rowNumber);
    for (const [k, e] of s.edits) if (e.row === rowNumber) s.edits.delete(k);
    s.extraRows = s.extraRows.filter((e) => e.row !== rowNumber);
    return { parkedId: row.parkedId, session: this.view(s) };
  }

  session(id: string): CheckSession & { edits: CellEdit[]; excludedRows: number[] } {
    const s = this.get(id);
    return { ...this.view(s), edits: [...s.edits.values()], excludedRows: [...s.excluded].sort((a, b) => a - b) };
  }

  /** Rows with issues (export) or with errors only (parking), left-out rows not included, in row order. */
  async problemRows(id: string, errorsOnly = false): Promise<CheckRow[]> {
    const s = this.get(id);
    const out: CheckRow[] = [];
    let batch: StoredProblem[] = [];
    const flush = async (): Promise<void> => {
      const cells = await this.cellsOf(s, batch.map((p) => p.row));
      for (const p of batch) out.push(this.toRow(s, p.row, cells.get(p.row) ?? [], p));
      batch = [];
    };
    for (const p of s.store.allProblems()) {
      if (s.excluded.has(p.row) || (errorsOnly && p.errors === 0)) continue;
      batch.push(p);
      if (batch.length >= 1000) await flush();
    }
    await flush();
    return out;
  }

  extraRows(id: string): readonly ExtraRow[] {
    return this.get(id).extraRows;
  }

  /** What "park invalid rows" writes: new rows to insert, restored rows to update in place. */
  async parkPlan(id: string, sourceKey: string | null): Promise<ParkPlan> {
    const s = this.get(id);
    return rowsToPark(s.info, await this.sessionRows(s, true), sourceKey);
  }

  /** Rows just inserted into the parked list (so parking again updates them, a sync removes them). */
  markParked(id: string, parked: ReadonlyArray<{ row: number; parkedId: number }>): void {
    const s = this.get(id);
    for (const p of parked) {
      const r = s.restored.get(p.row);
      if (r) r.parkedId = p.parkedId;
      else s.parkedFileRows.set(p.row, p.parkedId);
    }
  }

  /**
   * Parked-row ids a sync with exactly this request delivers (see deliverableParked); [] when the
   * request's edits or exclusions differ from the session's, since then the session cannot vouch.
   */
  async deliverableParked(id: string, request: Pick<SourceRequest, 'edits' | 'excludedRows'>): Promise<number[]> {
    const s = this.get(id);
    if (!sameState(s.edits.values(), s.excluded, request)) return [];
    this.ensureKeys(s);
    const out: number[] = [];
    const parked: Array<[number, number]> = [...s.restored.values()].filter((r) => r.parkedId !== null).map((r) => [r.row, r.parkedId!]);
    for (const [row, p] of s.parkedFileRows) parked.push([row, p]);
    for (const [row, parkedId] of parked) {
      if (s.excluded.has(row) || (s.store.problem(row)?.errors ?? 0) > 0) continue;
      const key = this.keyOf(s, row);
      // Sent only when its project is: no row of that Id has an error.
      if (key !== 0 && s.keys!.state(key) === 'valid') out.push(parkedId);
    }
    return out;
  }

  /** Parked rows a sync delivered: no longer parked (parking them again inserts them anew). */
  forgetParked(id: string, parkedIds: readonly number[]): void {
    const s = this.sessions.get(id);
    if (!s) return;
    const gone = new Set(parkedIds);
    for (const r of s.restored.values()) if (r.parkedId !== null && gone.has(r.parkedId)) r.parkedId = null;
    for (const [row, p] of s.parkedFileRows) if (gone.has(p)) s.parkedFileRows.delete(row);
  }

  headers(id: string): string[] {
    return [...this.get(id).info.headers];
  }

  info(id: string): SourceInfo {
    return this.get(id).info;
  }

  close(id: string): void {
    const s = this.sessions.get(id);
    s?.store.remove();
    this.sessions.delete(id);
  }

  /** Closes every session (the app quits): their stores are deleted. */
  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  private get(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new UnusableInputError('check-closed', 'This check is no longer open; please check the file again.', { sessionId: id });
    return s;
  }

  private checkerOf(s: Session): RowChecker {
    s.checker ??= this.deps.makeChecker(s.request, s.info, s.info.preview);
    return s.checker;
  }

  /** Checks a row as it now stands: its problem entry (null: none) and its Id key. */
  private check(s: Session, row: number, cells: readonly CellValue[]): { problem: StoredProblem | null; key: number } {
    const { id, issues } = this.checkerOf(s)(row, cells);
    const origin = s.restored.get(row)?.origin;
    if (origin) labelRestoredIssues(issues, new Map([[row, origin]]));
    const key = id === null ? 0 : idKey(id);
    if (issues.length === 0) return { problem: null, key };
    const errors = issues.filter((i) => i.severity === 'error').length;
    return { problem: { row, id, errors, warnings: issues.length - errors, issues }, key };
  }

  private store(s: Session, problem: StoredProblem | null, row: number): void {
    if (problem) s.store.putProblems([problem]);
    else s.store.removeProblem(row);
  }

  /** A row checked by the validate job or since (rows left out from the start were not). */
  private wasChecked(s: Session, row: number): boolean {
    return s.rekeyed.has(row) || !s.uncheckedRows.has(row);
  }

  private keyOf(s: Session, row: number): number {
    const k = s.rekeyed.get(row);
    if (k !== undefined) return k;
    const hit = s.rows.locate(row);
    if (hit) return s.rows.keyAt(hit.range, hit.index);
    return s.rows.keyOfRestored(row);
  }

  /** Per-Id row counts of the rows in (built once, on the first change). */
  private ensureKeys(s: Session): void {
    if (s.keys) return;
    const keys = new KeyCounts(s.counts.rows);
    s.rows.forEachKey((row, key) => {
      if (key === 0 || s.excluded.has(row) || (isRestoredRow(row) && !s.restored.has(row))) return;
      keys.add(key, 1, false);
    });
    for (const p of s.store.allProblems()) {
      if (p.errors > 0 && p.id !== null && !s.excluded.has(p.row)) keys.addErrors(idKey(p.id), 1);
    }
    s.keys = keys;
  }

  /** A row stops counting (left out, or before an edit): its issues and its share of its project. */
  private leave(s: Session, row: number, problem: StoredProblem | null): void {
    this.move(s, row, problem, -1);
  }

  private enter(s: Session, row: number, problem: StoredProblem | null): void {
    this.move(s, row, problem, 1);
  }

  private move(s: Session, row: number, problem: StoredProblem | null, sign: 1 | -1): void {
    const c = s.counts;
    if (problem) {
      c.errors += sign * problem.errors;
      c.warnings += sign * problem.warnings;
      c.problemRows += sign;
    }
    const key = this.keyOf(s, row);
    const hasErrors = (problem?.errors ?? 0) > 0;
    if (key === 0) {
      // A row without an Id is rejected on its own (as the engine counts it).
      c.rejected += sign;
      return;
    }
    const keys = s.keys!;
    const was = keys.state(key);
    keys.add(key, sign, hasErrors);
    const now = keys.state(key);
    if (was === now) return;
    if (was === 'none') c.projects++;
    else c[was]--;
    if (now === 'none') c.projects--;
    else c[now]++;
  }

  /** The cells of these rows as they stand now (edits applied); unknown rows are left out. */
  private async cellsOf(s: Session, rows: readonly number[]): Promise<Map<number, CellValue[]>> {
    const out = new Map<number, CellValue[]>();
    const inFile = rows.filter((r) => !s.restored.has(r));
    for (const [n, g] of await s.rows.byNumber(inFile)) out.set(n, this.withEdits(s, n, g.cells));
    for (const n of rows) {
      const r = s.restored.get(n);
      if (r) out.set(n, this.withEdits(s, n, r.cells));
    }
    return out;
  }

  /** Where row `n` stands in the "all rows" list (file rows, then restored rows); -1: not there. */
  private ordinalOf(s: Session, n: number): number {
    const restored = [...s.restored.keys()].indexOf(n);
    if (restored >= 0) return s.rows.fileRows + restored;
    return s.rows.ordinalOf(n);
  }

  private rowAtOrdinal(s: Session, i: number): number {
    if (i >= s.rows.fileRows) return [...s.restored.keys()][i - s.rows.fileRows] ?? -1;
    return s.rows.rowAt(i);
  }

  private withEdits(s: Session, row: number, cells: readonly CellValue[]): CellValue[] {
    const out = [...cells];
    for (const e of s.edits.values()) {
      if (e.row !== row) continue;
      const col = s.info.headers.indexOf(e.column);
      if (col >= 0) out[col] = e.value;
    }
    return out;
  }

  /** A grid row: the cells as the sheet shows them (cellText), with the row's issues. */
  private toRow(s: Session, row: number, cells: readonly CellValue[], problem: StoredProblem | null): CheckRow {
    const r = s.restored.get(row);
    const edited = [...s.edits.values()].filter((e) => e.row === row).map((e) => e.column);
    return { row, cells: cells.map((c) => cellText(c)), issues: problem?.issues ?? [], excluded: s.excluded.has(row), edited, parked: r !== undefined, origin: r?.origin ?? null };
  }

  /** Problem rows (with `errorsOnly`: their errors) and every restored row, as parking sees them. */
  private async sessionRows(s: Session, errorsOnly: boolean): Promise<SessionRow[]> {
    const out: SessionRow[] = [];
    const problems = await this.problemRows(s.id, errorsOnly);
    const seen = new Set<number>();
    for (const p of problems) {
      seen.add(p.row);
      const r = s.restored.get(p.row);
      out.push({ ...p, errorCount: p.issues.filter((i) => i.severity === 'error').length, parkedId: r?.parkedId ?? s.parkedFileRows.get(p.row) ?? null, unplaced: r?.unplaced ?? [] });
    }
    for (const r of s.restored.values()) {
      if (seen.has(r.row)) continue;
      out.push({ ...this.toRow(s, r.row, this.withEdits(s, r.row, r.cells), null), errorCount: 0, parkedId: r.parkedId, unplaced: r.unplaced });
    }
    return out.sort((a, b) => a.row - b.row);
  }

  private view(s: Session): CheckSession {
    return {
      sessionId: s.id, info: s.info, headers: [...s.info.headers], counts: { ...s.counts }, fileIssues: s.fileIssues,
      rowsTruncated: false, issuesTruncated: s.issuesTruncated, restoredParked: s.restored.size,
      unplacedColumns: [...new Set([...s.restored.values()].flatMap((r) => r.unplaced.map((u) => u.header)))],
    };
  }
}
