import { describe, expect, it } from 'vitest';
import type { RowIssue } from '../../shared/domain/issue';
import {
  alignCells, headerKey, isRestoredRow, issueOrigin, labelRestoredIssues, mergeForParking, restoredRowNumber,
} from '../../shared/domain/restored-row';

describe('restored parked rows', () => {
  it('are numbered beyond any spreadsheet row, stably per parked row', () => {
    expect(restoredRowNumber(12)).toBe(1_000_000_012);
    expect(isRestoredRow(restoredRowNumber(1))).toBe(true);
    expect(isRestoredRow(1_048_576)).toBe(false);
  });

  it('match headers by name ignoring case and spaces; duplicates pair up in order', () => {
    expect(headerKey('  E-mail  Cím ')).toBe(headerKey('e-mailcím'));
    const r = alignCells(['Cégnév', 'Telefon', 'ügyfélkód', 'Telefon', 'Új oszlop'], ['Ügyfélkód ', 'Telefon', 'Cégnév', 'Telefon'], ['C1', '+36 1', 'Alfa', '+36 2']);
    expect(r).toEqual({ cells: ['Alfa', '+36 1', 'C1', '+36 2', ''], unplaced: [] });
  });

  it('report non-empty values whose column the new file lacks, and keep them when parked again', () => {
    const r = alignCells(['Kód'], ['Kód', 'Fax', 'Megjegyzés'], ['C1', '', 'hívni délután']);
    expect(r).toEqual({ cells: ['C1'], unplaced: [{ header: 'Megjegyzés', value: 'hívni délután' }] });
    expect(mergeForParking(['Kód'], ['C1-javítva'], r.unplaced)).toEqual({ headers: ['Kód', 'Megjegyzés'], cells: ['C1-javítva', 'hívni délután'] });
  });

  it('place rows parked without headers (before migration 002) by position', () => {
    expect(alignCells(['A', 'B', 'C'], null, ['1', '2'])).toEqual({ cells: ['1', '2', ''], unplaced: [] });
  });

  it('name their origin in their issues only', () => {
    const issue = (row: number): RowIssue => ({ row, column: 'E-mail', field: 'business.Emails', value: 'x@', severity: 'error', code: 'invalid-email', message: 'bad', params: { n: 1 } });
    const issues = [issue(3), issue(restoredRowNumber(7))];
    labelRestoredIssues(issues, new Map([[restoredRowNumber(7), { fileName: 'régi.csv', row: 12 }]]));
    expect(issues.map(issueOrigin)).toEqual([null, { fileName: 'régi.csv', row: 12 }]);
    expect(issues[1]!.params).toEqual({ n: 1, parkedFile: 'régi.csv', parkedRow: 12 });
  });
});
