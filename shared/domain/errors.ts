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
  | 'missing-columns'
  | 'row-count-mismatch'
  | 'unusable-settings';

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
