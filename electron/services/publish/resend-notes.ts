/**
 * A sync after a run whose SyncFeed answer was never recorded sends those projects again (nothing
 * marked them delivered). It says so, and why, instead of doing it silently.
 */
import type { CodedMessage } from '../../../shared/domain/message-codes';
import type { AppDatabase } from '../db';
import { localTime } from '../db/repositories/run-recovery';
import { forEachStaged } from '../delta/staged-codec';
import { listInterruptedRuns } from './run-actions';

const ids = (db: AppDatabase, runId: number): Set<string> => {
  const out = new Set<string>();
  for (const batch of db.runs.stagedBatches(runId)) forEachStaged(batch, (id) => void out.add(id));
  return out;
};

/**
 * For each earlier run MiniCRM was asked about without a recorded answer (newest first, a few),
 * how many of `runId`'s projects it held that no later run has delivered since.
 */
export function resendNotes(db: AppDatabase, runId: number, max = 3): CodedMessage[] {
  const unanswered = listInterruptedRuns(db).filter((i) => i.state === 'outcome-unknown' && i.run.id < runId).slice(0, max);
  if (unanswered.length === 0) return [];
  const mine = ids(db, runId);
  const counted = new Set<string>();
  const notes: CodedMessage[] = [];
  for (const { run } of unanswered) {
    const theirs = [...ids(db, run.id)].filter((id) => mine.has(id) && !counted.has(id));
    const states = db.delivered.statesFor(theirs);
    const again = theirs.filter((id) => (states.get(id)?.runId ?? 0) < run.id);
    if (again.length === 0) continue;
    for (const id of again) counted.add(id);
    const time = localTime(run.syncedAt!);
    notes.push({
      code: 'resent-unanswered', params: { count: again.length, run: run.id, time },
      message: `${again.length} project(s) are sent again: MiniCRM was asked to sync them at ${time} (run #${run.id}), but its answer was not recorded, so it is not known whether it has them.`,
    });
  }
  return notes;
}
