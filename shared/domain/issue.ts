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

/** Every code a row issue may carry; the renderer has a sentence for each in both languages (test/unit/issue-codes.test.ts). */
export const ISSUE_CODES = [
  'missing-id', 'invalid-email', 'invalid-number', 'invalid-integer', 'invalid-date', 'invalid-url', 'forbidden-characters',
  'value-too-long', 'unknown-option', 'merge-conflict', 'unparseable-phone', 'unusual-value', 'ambiguous-date',
  'schema-not-checked',
  // A bad value not sent while the rest of its Project is (profile `onError`); `params.reason` is the value's own code.
  'value-left-out',
  // A totals row ("Összesen: 2 ügyfél") left out of the import.
  'summary-row',
  // An Id that differs from another row's only in upper/lower case: MiniCRM makes two cards.
  'id-case-conflict',
  // A number that reads as a phone number but is not valid in its country (kept as typed).
  'invalid-phone',
  // An e-mail with letters outside ASCII before the @ (RFC 6531): kept, some mail systems cannot deliver to it.
  'international-email',
  // Text the file itself had broken (U+FFFD where the reader met bytes or surrogates it could not read).
  'unreadable-characters',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];
