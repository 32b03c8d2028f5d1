import type { TFunction } from 'i18next';
import type { RowIssue } from '../../../shared/domain/issue';
import { issueOrigin, type RowOrigin } from '../../../shared/domain/restored-row';

/**
 * How a row is named to the user: its number in the file, or, for a parked row that came back,
 * the earlier file and row it was parked from (its number in this import is only a key).
 */
export function rowLabel(row: number, origin: RowOrigin | null, t: TFunction): string {
  return origin ? t('check.parkedRow', { row: origin.row, file: origin.fileName }) : `${t('check.row')} ${row}`;
}

/** The row an issue is about, named as rowLabel does. */
export function issueRowLabel(issue: RowIssue, t: TFunction): string {
  return rowLabel(issue.row, issueOrigin(issue), t);
}
