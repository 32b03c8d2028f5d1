import { createContext, useContext } from 'react';
import type { ChangePreview } from '../../../shared/domain/run';
import type { SourceInfo, SourceOptions } from '../../../shared/domain/source';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { SettingKey } from '../components/setting-hint';
import type { CellEdit, CheckCounts, CheckSession, DeliveredMapping, MatchedProfile, SourceRequest } from '../../../shared/ipc/contract';

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
  /** The mapping as it was proposed, applied or last saved: starting over warns when it differs. */
  savedProfile: ProfileV1 | null;
  /** The mapping of the last delivered sync of this layout (compared on Mapping and Review). */
  delivered: DeliveredMapping | null;
  /** The work (workKey) a sync just delivered: starting over after it loses nothing. */
  deliveredWork: string | null;
  /** A check or change preview still running in main, followed again when the user comes back. */
  checkJob: string | null;
  previewJob: string | null;
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
  savedProfile: null,
  delivered: null,
  deliveredWork: null,
  checkJob: null,
  previewJob: null,
};

export interface AppState {
  session: Session;
  /** Merges a patch (or what a function of the latest session returns) into the session. */
  update(patch: Partial<Session> | ((s: Session) => Partial<Session>)): void;
  reset(): void;
  go(screen: Screen): void;
  screen: Screen;
  /** Reads a file (dialog, drop, recent list or File > Open) and moves to Source; asks first when work would be lost. */
  openFile(path: string, options?: SourceOptions): Promise<void>;
  /** The same file read again with other settings: fixes whose row and column remain are kept (asks about the rest). */
  reread(options: SourceOptions): Promise<void>;
  /** A new mapping: the check is out of date (a running one is stopped); fixes and left-out rows stay. */
  changeProfile(profile: ProfileV1, patch?: Partial<Session>): void;
  /** Back to the start with another file; asks first when unsent work would be lost. */
  startOver(): void;
  /** Opens Settings at one setting (its field gets the focus). */
  openSetting(setting: SettingKey): void;
  /** The setting Settings should focus once (null: none). */
  settingFocus: SettingKey | null;
  opening: string | null;
  openError: unknown;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}

/** A new mapping makes the check and the preview stale; fixes and left-out rows are kept (by row and column). */
export function staleCheck(): Pick<Session, 'check' | 'counts' | 'preview' | 'checkJob' | 'previewJob'> {
  return { check: null, counts: null, preview: null, checkJob: null, previewJob: null };
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
