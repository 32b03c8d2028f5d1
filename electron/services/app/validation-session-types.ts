/** What ValidationSessions (validation-sessions.ts) needs from the app around it. */
import type { RowIssue } from '../../../shared/domain/issue';
import type { SourceInfo } from '../../../shared/domain/source';
import type { SourceRequest } from '../../../shared/ipc/types';

/** Maps one row (text cells aligned with the headers) to its project id and issues. */
export type RowChecker = (row: number, cells: readonly string[]) => { id: string | null; issues: RowIssue[] };

export interface SessionDeps {
  /** Built once per session on first use (compileMapping over the session's profile and headers). */
  makeChecker(request: SourceRequest, info: SourceInfo, sample: ReadonlyArray<{ row: number; cells: string[] }>): RowChecker;
  /** The better_sqlite3.node main uses (Electron's build), for the sessions' scratch stores. */
  nativeBinding?: string;
}
