/**
 * `validate … --problems FILE`: the Check screen's "Export problems", from the command line: the
 * same rows by the same functions (a Check session over the check's store, problems-export.ts):
 * every row with issues, its issues in order, then the row's cells as text, read again from the file.
 */
import { extname } from 'node:path';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { exportProblems } from '../services/app/problems-export';
import { ValidationSessions } from '../services/app/validation-sessions';
import type { ValidationReport } from '../services/engine/validate';
import { UsageError } from './args';

export function problemsFormat(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.xlsx') return ext.slice(1) as 'csv' | 'xlsx';
  throw new UsageError(`--problems takes a .csv or .xlsx file name, not "${path}".`);
}

/** Writes the export of a check made with `keep` (its store is removed afterwards); returns its number of issue lines. */
export async function writeProblemsFile(out: string, report: ValidationReport, profile: ProfileV1): Promise<number> {
  // Exporting never re-checks a row: the session needs no checker.
  const sessions = new ValidationSessions({ makeChecker: () => () => ({ id: null, issues: [] }) });
  const s = sessions.create(report, { path: report.info.path, profile });
  try {
    return await exportProblems(out, problemsFormat(out), report.info.headers, await sessions.problemRows(s.sessionId));
  } finally {
    sessions.close(s.sessionId);
  }
}
