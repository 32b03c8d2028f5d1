/**
 * View types that cross the IPC boundary (main <-> renderer). Domain types (SourceInfo, RunRecord,
 * RowIssue, …) are reused from shared/domain; this file only adds the shapes that exist because of
 * the screens (grid pages, settings views, job results).
 */
import type { ConnectionSettings as ConnectionSettingsView, SecretName } from '../domain/connection';
import type { RowIssue } from '../domain/issue';
import type { CodedMessage, MessageCode, MessageParams } from '../domain/message-codes';
import type { RowOrigin } from '../domain/restored-row';
import type { RunCounts, RunStatus } from '../domain/run';
import type { SourceInfo, SourceOptions } from '../domain/source';
import type { ProfileV1 } from '../profile/profile-types';

export type Language = 'hu' | 'en';

export type {
  OsEntryStatus, Schedule, ScheduleAttention, ScheduleInput, ScheduleOutcome, ScheduleRunRecord, ScheduleSource, ScheduleView, ScheduleWhen,
} from '../domain/schedule';

/** A job id handed out by `*:start` channels; progress/done/failed events carry it. */
export interface JobStarted { jobId: string }

export type JobKind = 'validate' | 'preview' | 'sync' | 'publish' | 'inspect' | 'verify' | 'undo';

/** One user correction typed into the Check grid; applied again by every later job of the session. */
export interface CellEdit { row: number; column: string; value: string }

/** What the Source/Mapping screens send to every job about the file. */
export interface SourceRequest {
  path: string;
  profile: ProfileV1;
  options?: SourceOptions;
  edits?: CellEdit[];
  excludedRows?: number[];
}

// ---- Source / profiles ---------------------------------------------------------------------

/** A saved profile recognised from the file's headers, with what differs. */
export interface MatchedProfile {
  id: number;
  name: string;
  profile: ProfileV1;
  /** Headers of the file that the profile does not use and did not know. */
  newColumns: string[];
  /** Columns the profile maps that the file lacks. */
  missingColumns: string[];
  /** Missing columns with a close header in the file (the UI offers to re-point them). */
  renamedColumns: Array<{ from: string; to: string }>;
}

export interface InspectResult {
  info: SourceInfo;
  proposal: ProfileV1;
  matched: MatchedProfile | null;
  /** Rows parked by an earlier import with the matched profile that come back into this file's check. */
  parkedRows: number;
  /** The mapping of the last delivered sync of a file with this layout (null: none delivered yet). */
  delivered?: DeliveredMapping | null;
}

/** The mapping a delivered run used, offered for (and compared with) the next file of the same layout. */
export interface DeliveredMapping {
  runId: number;
  deliveredAt: string | null;
  sourceName: string | null;
  profileName: string | null;
  profile: ProfileV1;
}

export interface ProfileSummary { id: number; name: string; updatedAt: string }
export interface SavedProfile { id: number; name: string; updatedAt: string; profile: ProfileV1 }

export interface RecentFile { path: string; fileName: string; openedAt: string; exists: boolean }

// ---- Check screen (validation session kept in main) -----------------------------------------

export interface CheckCounts {
  rows: number;
  projects: number;
  valid: number;
  rejected: number;
  errors: number;
  warnings: number;
  excluded: number;
  /** Rows with at least one issue (what "only rows with problems" pages through). */
  problemRows: number;
}

/** Result of a validate job: the session the Check grid pages through. */
export interface CheckSession {
  sessionId: string;
  info: SourceInfo;
  headers: string[];
  counts: CheckCounts;
  /** File-level issues (row 0) and issues beyond the kept rows. */
  fileIssues: RowIssue[];
  /** True when the file had more rows than main keeps for the grid; counts stay exact. */
  rowsTruncated: boolean;
  issuesTruncated: boolean;
  /** Parked rows from an earlier import that came back into this session (editable, and sent). */
  restoredParked: number;
  /** Columns of restored rows' values this file lacks: not sent now, still kept in the parked rows. */
  unplacedColumns: string[];
}

export interface CheckRow {
  row: number;
  cells: string[];
  issues: RowIssue[];
  excluded: boolean;
  /** Headers of cells the user edited in this session. */
  edited: string[];
  /** Row came back from the parked list. */
  parked: boolean;
  /** For a restored row: the earlier file and row it was parked from (`row` is then only a key). */
  origin: RowOrigin | null;
}

export interface CheckPage { total: number; offset: number; rows: CheckRow[] }

export interface CheckEditResult { row: CheckRow; counts: CheckCounts }

// ---- Sync / history -----------------------------------------------------------------------

export interface SyncResult {
  runId: number;
  status: RunStatus;
  counts: RunCounts;
  feedPath: string | null;
  syncStatus: number | null;
  /** MiniCRM's own answer (truncated). */
  syncBody: string | null;
  /** Why it was not delivered (code + params to translate, English message); null when delivered. */
  problem: CodedMessage | null;
  /** What this sync sent again and why (e.g. an earlier run's SyncFeed answer was never recorded). */
  notes?: CodedMessage[];
}

export interface RunFilter {
  search?: string;
  status?: RunStatus;
  limit?: number;
  offset?: number;
}

export interface SyncQuota { usedLastHour: number; limit: number }

// ---- Settings ------------------------------------------------------------------------------

/** The contract's names for the shared connection types (shared/domain/connection.ts). */
export { SECRET_NAMES } from '../domain/connection';
export type {
  SecretName, SftpTarget as SftpTargetView, HttpsTarget as HttpsTargetView, ConnectionSettings as ConnectionSettingsView,
  MinicrmUploadTarget as MinicrmUploadTargetView,
} from '../domain/connection';

export interface AppPrefs {
  /** null: follow the operating system. */
  language: Language | null;
  phoneRegion: string;
}

export interface SettingsView {
  connection: ConnectionSettingsView;
  /** Which secrets are stored; never their values. */
  secrets: Record<SecretName, boolean>;
  /** Null when secrets can be saved; else the coded reason they cannot (no keyring). */
  secretStorageProblem: CodedMessage | null;
  prefs: AppPrefs;
  /** The effective UI language (prefs or the OS). */
  language: Language;
}

export type ConnectionPart = 'minicrm' | 'upload' | 'public-url';

export interface HostKeyInfo {
  host: string;
  port: number;
  /** e.g. `ssh-ed25519`. */
  algorithm: string;
  /** `SHA256:…` as OpenSSH prints it. */
  fingerprint: string;
  /**
   * pinned: the key the app trusts for this server; new: seen and pinned by this test (first use);
   * changed: differs from the pinned key (uploads are refused until the user accepts it).
   */
  status: 'new' | 'pinned' | 'changed';
}

export interface ConnectionTestResult {
  part: ConnectionPart;
  ok: boolean;
  /** Not tested (e.g. the upload failed, so there is nothing to fetch). */
  skipped: boolean;
  /** What happened, to translate: `minicrm-ok`, `upload-ok`, … or the failure's code. */
  code: MessageCode;
  /** English (logs); the UI shows the code's sentence. */
  message: string;
  params: MessageParams;
  hostKey?: HostKeyInfo;
}

export interface AppInfo {
  version: string;
  platform: string;
  userDataPath: string;
  /** The operating system's locale (`app.getLocale()`). */
  osLocale: string;
  language: Language;
}

/** Ready to sync? Per part: the first setting it lacks, and its last connection test with today's settings. */
export interface Readiness {
  parts: Array<{ part: ConnectionPart; problem: CodedMessage | null; tested: { ok: boolean; at: string } | null }>;
  /** Nothing is missing (an untested connection does not block a sync). */
  ready: boolean;
}

/** What names a saved profile, told before it is deleted. */
export interface ProfileUsage {
  /** Runs in the history made with it (each keeps its own copy of the mapping: they stay readable). */
  runs: number;
  /** Rows kept for the next import with it (they stay stored under its name). */
  keptRows: number;
  /** Automatic syncs that use it (they stop until another profile is chosen for them). */
  schedules: string[];
}
