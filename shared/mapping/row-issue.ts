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
