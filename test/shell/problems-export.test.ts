import { describe, expect, it } from 'vitest';
import { neutraliseFormula, problemLines } from '../../electron/services/app/problems-export';
import type { RowIssue } from '../../shared/domain/issue';

const issue: RowIssue = { row: 3, column: 'E-mail', field: 'business.Emails', value: 'x@', severity: 'error', code: 'invalid-email', message: 'bad' };

describe('problem export lines', () => {
  it('name file rows by number and restored parked rows by the file and row they were parked from', () => {
    const lines = problemLines(['Id', 'E-mail'], [
      { row: 3, cells: ['A', 'x@'], issues: [issue], excluded: false, edited: [], parked: false, origin: null },
      { row: 1_000_000_004, cells: ['B', 'x@'], issues: [issue], excluded: false, edited: [], parked: true, origin: { fileName: 'old.csv', row: 7 } },
    ]);
    expect(lines.map((l) => l[0])).toEqual(['Row', '3', 'old.csv row 7 (parked)']);
    expect(lines[2]!.slice(-2)).toEqual(['B', 'x@']);
  });
});

describe('formula injection (OWASP CSV injection)', () => {
  it('a cell that a spreadsheet would run as a formula gets an apostrophe in front; plain numbers and text stay', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(1)', "=cmd|' /C calc'!A0", '\t=1', '\r=1', '\n=1', '  =1', '＝1+1', '＋1', '－1', '＠SUM(1)']) {
      expect(neutraliseFormula(evil), JSON.stringify(evil)).toBe(`'${evil}`);
    }
    for (const fine of ['-5', '+36', '12,5', 'Kovács Kft.', 'a=b', 'info@kovacs.hu', '', "'=already text"]) {
      expect(neutraliseFormula(fine), JSON.stringify(fine)).toBe(fine);
    }
  });
});
