/**
 * Input the engine cannot use at all (empty file, not a spreadsheet, corrupt or password-protected
 * workbook, bad profile, missing columns, no data rows). The CLI prints `message` as one line and
 * exits 2; the UI shows it translated from `code` + `params`.
 */
export type UnusableCode =
  | 'file-not-found'
  | 'empty-file'
  | 'not-a-spreadsheet'
  | 'corrupt-workbook'
  | 'password-protected'
  | 'sheet-not-found'
  | 'no-header'
  | 'no-data-rows'
  | 'invalid-profile'
  | 'profile-not-json'
  | 'profile-not-found'
  /** Saving a profile under the name of another saved profile. */
  | 'profile-name-taken'
  | 'invalid-constant'
  | 'missing-columns'
  | 'row-count-mismatch'
  | 'unclosed-quote'
  | 'row-too-long'
  | 'unknown-encoding'
  | 'invalid-delimiter'
  /** Command-line usage only (bad flags); the UI never causes it. */
  | 'unusable-settings'
  // Settings, secrets and actions the UI asked for that cannot be done (see message-codes.ts).
  | 'setting-missing'
  | 'setting-invalid'
  | 'setting-not-https'
  | 'setting-has-credentials'
  | 'secret-env-readonly'
  | 'secrets-file-unsafe'
  | 'secrets-file-invalid'
  | 'secret-storage-unavailable'
  | 'secret-storage-plain-text'
  | 'host-key-untested'
  | 'link-not-https'
  | 'job-not-running'
  | 'check-closed'
  | 'cell-not-in-check'
  | 'row-not-kept'
  | 'run-not-found'
  | 'run-no-feed'
  | 'feed-open-failed'
  // Automatic syncs (Settings > Automatic sync) and their entries in the operating system.
  | 'schedule-not-found'
  | 'schedule-invalid'
  | 'schedule-profile-missing'
  | 'scheduler-unavailable'
  | 'scheduler-failed'
  | 'folder-not-found'
  | 'feed-not-openable'
  /** A workbook beyond what a spreadsheet holds (cell length, columns, rows, a part that unpacks too far). */
  | 'workbook-over-limit'
  /** A CSV record with more cells than a sheet has columns. */
  | 'too-many-columns';

export class UnusableInputError extends Error {
  override readonly name = 'UnusableInputError';
  constructor(
    readonly code: UnusableCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** Thrown (and recognised everywhere) when the user cancelled a job. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('Cancelled by the user.');
  }
}
