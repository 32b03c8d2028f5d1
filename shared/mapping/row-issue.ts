import type { RowIssue } from '../domain/issue';
import type { Problem } from '../validation/parsed';

/** Turns a parser's row-free `Problem` into the RowIssue users see: row, column, field and value named. */
export function makeIssue(row: number, column: string, field: string, value: string, p: Problem): RowIssue {
  const where = column ? `column "${column}"` : `field ${field}`;
  return {
    row,
    column,
    field,
    value,
    severity: p.severity,
    code: p.code,
    message: `Row ${row}, ${where}: "${value}" ${p.text}`,
    params: { row, column, field, value, ...p.params },
  };
}

export function missingIdIssue(row: number, column: string, field: string, value: string): RowIssue {
  const where = column ? `column "${column}"` : `field ${field}`;
  return {
    row,
    column,
    field,
    value,
    severity: 'error',
    code: 'missing-id',
    message: `Row ${row}, ${where}: the external id is empty, so the row cannot become a MiniCRM card.`,
    params: { row, column, field },
  };
}

/**
 * A bad value the profile leaves out (`onError`): a warning naming the value and why, so the Check
 * screen and the history say exactly what was not sent. `reason` is the value's own code.
 */
export function leftOutIssue(row: number, column: string, field: string, value: string, p: Problem): RowIssue {
  const where = column ? `column "${column}"` : `field ${field}`;
  return {
    row,
    column,
    field,
    value,
    severity: 'warning',
    code: 'value-left-out',
    message: `Row ${row}, ${where}: "${value}" ${p.text.replace(/\.$/, '')}; it was left out, the rest of the project is sent.`,
    params: { row, column, field, value, ...p.params, reason: p.code },
  };
}

/** A totals row ("Összesen: 2 ügyfél") is not a customer: it is left out of the import. */
export function summaryRowIssue(row: number, column: string, value: string): RowIssue {
  return {
    row,
    column,
    field: '',
    value,
    severity: 'warning',
    code: 'summary-row',
    message: `Row ${row}, column "${column}": "${value}" looks like a totals row, not a customer; the row was left out.`,
    params: { row, column, value },
  };
}
