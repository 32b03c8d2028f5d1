/** What ValidationSessions (validation-sessions.ts) needs from the app around it. */
import type { CellValue, SourceRow } from '../../../shared/domain/cell';
import type { RowIssue } from '../../../shared/domain/issue';
import type { SourceInfo } from '../../../shared/domain/source';
import type { SourceRequest } from '../../../shared/ipc/types';

/** Maps one row (cells as read, edits as text, aligned with the headers) to its project id and issues. */
export type RowChecker = (row: number, cells: readonly CellValue[]) => { id: string | null; issues: RowIssue[] };

export interface SessionDeps {
  /** Built once per session on first use (compileMapping over the session's profile and headers). */
  makeChecker(request: SourceRequest, info: SourceInfo, sample: readonly SourceRow[]): RowChecker;
  /** The better_sqlite3.node main uses (Electron's build), for the sessions' scratch stores. */
  nativeBinding?: string;
}
