import { removedNote } from '../services/publish/leftovers';
import type { RowIssue } from '../../shared/domain/issue';
import type { CliIo } from './io';
import { visibleControls } from '../../shared/domain/visible-text';

const nf = new Intl.NumberFormat('en-US');

export const num = (n: number): string => nf.format(n);

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Spreadsheet column letters (A, B, …, AA) help users find the cell the message names. */
export function columnLetter(index: number): string {
  let s = '';
  let i = index + 1;
  while (i > 0) {
    const r = (i - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    i = Math.floor((i - 1) / 26);
  }
  return s;
}

/** The first `limit` issues as lines a user can act on (one line each: a value's line breaks shown as \n); `total`: how many there are in all. */
export function issueLines(issues: readonly RowIssue[], limit = 200, total = issues.length): string[] {
  const lines = issues.slice(0, limit).map((i) => `  ${i.severity === 'error' ? 'ERROR  ' : 'warning'} ${visibleControls(i.message, { lineBreaks: true })}`);
  const shown = Math.min(limit, issues.length);
  if (total > shown) lines.push(`  … and ${num(total - shown)} more (use --json for all).`);
  return lines;
}

export function issueJson(i: RowIssue): Record<string, unknown> {
  return { row: i.row, column: i.column, field: i.field, value: i.value, severity: i.severity, message: i.message, code: i.code, ...(i.params ? { params: i.params } : {}) };
}

/** Temp files of interrupted runs just removed from the feeds folder: said in one line. */
export function noteRemoved(files: readonly string[], io: CliIo): void {
  const note = removedNote(files);
  if (note) io.err(`Note: ${note}`);
}
