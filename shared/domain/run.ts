import type { RowIssue } from './issue';
import type { MessageCode, MessageParams } from './message-codes';

export type RunStatus = 'validated' | 'built' | 'uploaded' | 'delivered' | 'failed' | 'cancelled';

export interface RunCounts {
  rows: number;
  projects: number;
  /** Projects written to the feed. */
  written: number;
  /** Valid projects left out because they equal their last delivered state (changed-only). */
  unchanged: number;
  rejected: number;
  errors: number;
  warnings: number;
}

/** One row of the history: every validate/build/publish leaves one. */
export interface RunRecord {
  id: number;
  kind: 'validate' | 'build' | 'sync' | 'publish' | 'refs' | 'restore';
  status: RunStatus;
  startedAt: string; // ISO 8601 UTC
  finishedAt: string | null;
  sourceName: string | null;
  sourcePath: string | null;
  sourceSize: number | null;
  sourceSha256: string | null;
  sheet: string | null;
  profileName: string | null;
  mode: 'changed' | 'full' | null;
  counts: RunCounts;
  feedPath: string | null;
  feedSize: number | null;
  feedSha256: string | null;
  /** Masked, never with a secret: `sftp://user@host:22/feeds/x.xml` or `https://host/feeds/x.xml`. */
  uploadTarget: string | null;
  uploadedAt: string | null;
  publicUrl: string | null;
  syncStatus: number | null;
  /** MiniCRM's answer, truncated. */
  syncBody: string | null;
  syncedAt: string | null;
  /** Plain-language (English) reason for failed/cancelled runs: CLI, logs, and old runs without a code. */
  error: string | null;
  /** The reason's code + params for the UI's language (null for runs recorded before codes existed). */
  errorCode: MessageCode | null;
  errorParams: MessageParams | null;
  /** The run this one re-sends ("send again"), if any. */
  resendOf: number | null;
  /** The automatic sync that made this run (History marks it "scheduled"); null for runs started by hand. */
  scheduleId: number | null;
}

export interface RunDetail extends RunRecord {
  profileJson: string | null;
  issues: RowIssue[];
}

/** One changed field of a project between its last delivered state and now. */
export interface FieldChange {
  /** Flat path, e.g. `Name`, `Business.Emails[0].Value`, `Contacts[1].LastName`, `Enum1221`. */
  field: string;
  before: string | null;
  after: string | null;
}

export interface ChangePreview {
  counts: { new: number; changed: number; unchanged: number; rejected: number };
  /** Changed projects with their name and field changes (the first `limit` of them, see `truncated`). */
  changed: Array<{ id: string; name: string | null; changes: FieldChange[] }>;
  /** New projects (first `limit`). */
  added: Array<{ id: string; name: string | null }>;
  truncated: boolean;
}

/** Codes of runs stopped after their upload and before MiniCRM was asked (the feed is at the target). */
const STOPPED_AFTER_UPLOAD: ReadonlySet<string> = new Set(['run-interrupted-after-upload', 'cancelled-after-upload']);

/**
 * Uploaded but MiniCRM never asked (the process stopped or was cancelled in between): MiniCRM can
 * be asked now without uploading the feed again ("trigger now"), or the run discarded.
 */
export function awaitsTrigger(run: Pick<RunRecord, 'status' | 'uploadedAt' | 'syncedAt' | 'errorCode'>): boolean {
  if (run.syncedAt !== null || run.uploadedAt === null) return false;
  return run.status === 'uploaded' || ((run.status === 'failed' || run.status === 'cancelled') && run.errorCode !== null && STOPPED_AFTER_UPLOAD.has(run.errorCode));
}

/** MiniCRM was asked but its answer was never recorded: it may have imported the feed. */
export function answerUnknown(run: Pick<RunRecord, 'status' | 'syncedAt' | 'syncStatus'>): boolean {
  return run.syncedAt !== null && run.syncStatus === null && run.status !== 'delivered';
}
