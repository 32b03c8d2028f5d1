/**
 * A feed built before a run MiniCRM has since confirmed would put older values back (or send the
 * same ones again for nothing). Publishing it, and "send again", are refused with the numbers
 * unless the user confirms (`--force`, the app's confirmation).
 */
import type { AppDatabase } from '../db';
import { localTime } from '../db/repositories/run-recovery';
import { forEachStaged } from '../delta/staged-codec';
import { PublishError } from './publish-error';

export interface OlderFeed {
  runId: number;
  /** The newest run that delivered some of this feed's projects after it was built. */
  newerRunId: number;
  /** When MiniCRM confirmed that run (local time, "2026-03-01 10:42"). */
  newerAt: string;
  /** Projects a newer run delivered with other values: sending this feed puts the older ones back. */
  rollback: number;
  /** Projects a newer run delivered with these very values: sent again for nothing. */
  same: number;
  /** False when the run no longer knows its projects (pruned): it might roll any of them back. */
  known: boolean;
}

/** Which newer runs delivered this run's projects, and how many would go back. Null: nothing newer. */
export function findOlderFeed(db: AppDatabase, runId: number): OlderFeed | null {
  const root = db.runs.feedRoot(runId);
  const newest = db.runs.newestDelivered();
  // A run's feed root is never newer than the run: nothing delivered after this feed was built.
  if (newest === null || newest <= root) return null;
  const roots = new Map<number, number>();
  const rootOf = (id: number): number => {
    let r = roots.get(id);
    if (r === undefined) roots.set(id, (r = db.runs.feedRoot(id)));
    return r;
  };
  const newerAt = (id: number): string => {
    const run = db.runs.getRecord(id);
    return localTime(run?.syncedAt ?? run?.finishedAt ?? new Date().toISOString());
  };
  if (db.runs.stagedCount(runId) === 0) {
    const run = db.runs.getRecord(runId);
    if (!run || run.counts.written === 0 || rootOf(newest) <= root) return null;
    return { runId, newerRunId: newest, newerAt: newerAt(newest), rollback: 0, same: 0, known: false };
  }
  let rollback = 0;
  let same = 0;
  let newer = 0;
  for (const batch of db.runs.stagedBatches(runId)) {
    const mine = new Map<string, string>();
    forEachStaged(batch, (id, hash) => void mine.set(id, hash));
    for (const [id, state] of db.delivered.statesFor([...mine.keys()])) {
      if (state.runId === null || rootOf(state.runId) <= root) continue;
      if (state.hash === mine.get(id)) same++;
      else rollback++;
      newer = Math.max(newer, state.runId);
    }
  }
  return newer === 0 ? null : { runId, newerRunId: newer, newerAt: newerAt(newer), rollback, same, known: true };
}

/** The refusal: which run is newer and what sending this one would do. Exit 2 in the CLI. */
export function olderFeedError(o: OlderFeed): PublishError {
  const params = { id: o.runId, newer: o.newerRunId, time: o.newerAt, rollback: o.rollback, same: o.same };
  const head = `Run #${o.runId}'s feed is older than run #${o.newerRunId}, which MiniCRM confirmed at ${o.newerAt}`;
  if (!o.known) {
    return new PublishError('older-feed-unknown',
      `${head}, and it no longer knows which projects it holds: sending it could roll projects back to older values. Use --force to send it anyway.`,
      false, params);
  }
  return new PublishError('older-feed',
    `${head}: sending it would roll back ${o.rollback} project(s) to older values and send ${o.same} again unchanged. Use --force to send it anyway.`,
    false, params);
}

/** Throws the refusal when the run's feed is older than what MiniCRM confirmed since. */
export function refuseOlderFeed(db: AppDatabase, runId: number): void {
  const older = findOlderFeed(db, runId);
  if (older) throw olderFeedError(older);
}
