export type Severity = 'error' | 'warning';

/**
 * One problem found in the data. `code` + `params` let the UI say it in Hungarian or English;
 * `message` is the plain English sentence used by the CLI and logs.
 */
export interface RowIssue {
  /** Spreadsheet row number as the user sees it; 0 for file-level issues. */
  row: number;
  /** Column header as in the file ('' when not about one column). */
  column: string;
  /** Catalog path of the field, e.g. `business.Emails`, `contacts[0].LastName`, `custom.Note`. */
  field: string;
  /** The offending value as the user typed it. */
  value: string;
  severity: Severity;
  code: IssueCode;
  message: string;
  params?: Record<string, string | number>;
}

export type IssueCode =
  | 'missing-id'
  | 'invalid-email'
  | 'invalid-number'
  | 'invalid-integer'
  | 'invalid-date'
  | 'invalid-url'
  | 'forbidden-characters'
  | 'value-too-long'
  | 'unknown-option'
  | 'merge-conflict'
  | 'unparseable-phone'
  | 'unusual-value'
  | 'ambiguous-date'
  | 'schema-not-checked'
  | 'error-cell'
  | 'formula-without-value'
  | 'duplicate-column';
