/**
 * `validate … --problems FILE`: the Check screen's "Export problems", from the command line. The
 * same lines by the same function (problems-export.ts): every row with issues, its issues in order,
 * then the row's cells as text. The rows' cells are read again from the file, only for rows with
 * issues, so a large file costs one more read instead of holding every row in memory.
 */
import { extname } from 'node:path';
import { cellText } from '../../shared/domain/cell';
import type { JobContext } from '../../shared/domain/job';
import type { RowIssue } from '../../shared/domain/issue';
import type { SourceOptions } from '../../shared/domain/source';
import type { CheckRow } from '../../shared/ipc/types';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { exportProblems } from '../services/app/problems-export';
import { sourceOptionsFor } from '../services/engine/source-options';
import { openSource } from '../services/reader/index';
import { UsageError } from './args';

export function problemsFormat(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.xlsx') return ext.slice(1) as 'csv' | 'xlsx';
  throw new UsageError(`--problems takes a .csv or .xlsx file name, not "${path}".`);
}

/** Writes the export; returns its number of issue lines. */
export async function writeProblemsFile(
  out: string, file: string, profile: ProfileV1, options: SourceOptions, issues: readonly RowIssue[], ctx: JobContext,
): Promise<number> {
  const format = problemsFormat(out);
  const byRow = new Map<number, RowIssue[]>();
  for (const i of issues) {
    if (i.row <= 0) continue;
    const list = byRow.get(i.row);
    if (list) list.push(i);
    else byRow.set(i.row, [i]);
  }
  const handle = await openSource(file, sourceOptionsFor(profile, options));
  const rows: CheckRow[] = [];
  if (byRow.size > 0) {
    for await (const batch of handle.rows(ctx)) {
      for (const r of batch) {
        const list = byRow.get(r.row);
        if (list) rows.push({ row: r.row, cells: r.cells.map(cellText), issues: list, excluded: false, edited: [], parked: false, origin: null });
      }
    }
  }
  return exportProblems(out, format, handle.info.headers, rows);
}
