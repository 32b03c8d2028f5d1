import type { JobProgress } from '../../../shared/domain/job';
import { createContext, useContext } from 'react';
import type { ChangePreview } from '../../../shared/domain/run';
import type { SourceInfo, SourceOptions } from '../../../shared/domain/source';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { CellEdit, CheckCounts, CheckSession, MatchedProfile, SourceRequest } from '../../../shared/ipc/contract';

export type Screen = 'import' | 'source' | 'mapping' | 'check' | 'review' | 'sync' | 'history' | 'settings';

/** The import steps in order; the navigation unlocks a step once the one before it has what it needs. */
export const STEPS: readonly Screen[] = ['import', 'source', 'mapping', 'check', 'review', 'sync'];

/** Everything the user has decided about the file being imported, shared by the step screens. */
export interface Session {
  path: string | null;
  info: SourceInfo | null;
  options: SourceOptions;
  profile: ProfileV1 | null;
  /** Id of the saved profile being edited (updates instead of creating a copy). */
  profileId: number | null;
  /** Saved profile that was recognised and applied automatically, with what differs. */
  matched: MatchedProfile | null;
  parkedRows: number;
  /** The validation session kept in main (the Check grid pages through it). */
  check: CheckSession | null;
  counts: CheckCounts | null;
  edits: CellEdit[];
  excludedRows: number[];
  preview: ChangePreview | null;
  mode: 'changed' | 'full';
}

export const emptySession: Session = {
  path: null,
  info: null,
  options: {},
  profile: null,
  profileId: null,
  matched: null,
  parkedRows: 0,
  check: null,
  counts: null,
  edits: [],
  excludedRows: [],
  preview: null,
  mode: 'changed',
};

export interface AppState {
  session: Session;
  update(patch: Partial<Session>): void;
  reset(): void;
  go(screen: Screen): void;
  screen: Screen;
  /** Reads a file (dialog, drop, recent list or File > Open) and moves to Source. */
  openFile(path: string, options?: SourceOptions): Promise<void>;
  opening: string | null;
  openError: unknown;
  /** Rows read so far while `opening`. */
  openProgress: JobProgress | null;
  /** Stops reading the file being opened. */
  cancelOpen(): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}

/** Which step screens can be opened with what the session holds so far. */
export function stepEnabled(screen: Screen, s: Session): boolean {
  switch (screen) {
    case 'import':
    case 'history':
    case 'settings':
      return true;
    case 'source':
    case 'mapping':
      return s.info !== null;
    case 'check':
      return s.info !== null && s.profile !== null;
    case 'review':
    case 'sync':
      return s.check !== null;
  }
}

/**
 * The Review and Sync jobs' request: the file plus the Check session, whose restored parked rows main
 * appends after the file's rows.
 */
export function jobRequest(s: Session): SourceRequest & { mode: 'changed' | 'full'; sessionId?: string } {
  return { ...sourceRequest(s), mode: s.mode, ...(s.check ? { sessionId: s.check.sessionId } : {}) };
}

/** What every job of this import sends about the file (edits and exclusions made on Check included). */
export function sourceRequest(s: Session): SourceRequest {
  if (!s.path || !s.profile) throw new Error('No file or profile yet');
  return { path: s.path, profile: s.profile, options: s.options, edits: s.edits, excludedRows: s.excludedRows };
}
