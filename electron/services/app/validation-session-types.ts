/** The shapes behind ValidationSessions (validation-sessions.ts), apart so that file stays readable. */
import type { RowIssue } from '../../../shared/domain/issue';
import type { ExtraRow } from '../../../shared/domain/restored-row';
import type { SourceInfo } from '../../../shared/domain/source';
import type { CellEdit, CheckCounts, SourceRequest } from '../../../shared/ipc/types';
import type { ValidationReport } from '../engine/validate';
import type { SessionRow as Row } from './restored-rows';

/** What a session needs of the validate job's result (the engine's ValidationReport). */
export type ReportLike = Pick<
  ValidationReport, 'info' | 'rows' | 'projects' | 'valid' | 'rejected' | 'errors' | 'warnings' | 'issues' | 'issuesTruncated' | 'kept'
> & { excluded?: number };

/** Maps one row (text cells aligned with the headers) to its project id and issues. */
export type RowChecker = (row: number, cells: readonly string[]) => { id: string | null; issues: RowIssue[] };

export interface SessionDeps {
  /** Built once per session on first use (compileMapping over the session's profile and headers). */
  makeChecker(request: SourceRequest, info: SourceInfo, sample: ReadonlyArray<{ row: number; cells: string[] }>): RowChecker;
}

export interface Session {
  id: string;
  request: SourceRequest;
  info: SourceInfo;
  rows: Row[];
  byNumber: Map<number, Row>;
  counts: CheckCounts;
  fileIssues: RowIssue[];
  rowsTruncated: boolean;
  issuesTruncated: boolean;
  /** The parked rows this session's jobs append after the file's rows, as parked. */
  extraRows: readonly ExtraRow[];
  /** Headers of parked values this file has no column for (kept in the parked rows). */
  unplacedColumns: string[];
  edits: Map<string, CellEdit>;
  excluded: Set<number>;
  checker: RowChecker | null;
  /** Project id -> rows of it that have errors (null until the first edit needs it). */
  projectIds: Map<number, string | null> | null;
  errorRowsById: Map<string, number> | null;
  /** Project id -> its rows that are not excluded. */
  rowsById: Map<string, number> | null;
}
