import { dirname } from 'node:path';
import type { AppDatabase } from '../services/db';
import { DiskFullError, fullDisk, watchRunFaults } from '../services/jobs/run-faults';
import type { JobContext } from '../../shared/domain/job';

/** The disk holding the feeds folder or the database is full (the line says which and how much to free). */
export const EXIT_DISK_FULL = 4;

/** What a failing build run of a command needs for its record: its id, and what it reached. */
export interface RunWatch {
  ctx: JobContext;
  onRun(runId: number): void;
  /**
   * Records the fault on the run and gives back what to throw: a full disk as its DiskFullError
   * (runCli says it and exits 4, also as JSON), anything else as it was.
   */
  fault(e: unknown): unknown;
}

export function watchRun(db: AppDatabase, ctx: JobContext, place: { feedDir: string; source: string; profileName: string | null }): RunWatch {
  const watch = watchRunFaults(db, ctx, place);
  return { ctx: watch.ctx, onRun: watch.onRun, fault: (e) => watch.diskFull(e) ?? e };
}

/**
 * A full disk as the command's last line: the recorded one with its run and the rows it reached;
 * one met outside a run (no folder to size it) with the folder when the error names a file.
 */
export function diskFullOf(e: unknown): { error: DiskFullError; line: string } | null {
  if (e instanceof DiskFullError) {
    const run = e.runId !== null ? ` Run #${e.runId} failed after ${e.rows.toLocaleString('en-US')} rows.` : '';
    return { error: e, line: `Error: ${e.message}${run}` };
  }
  if (!fullDisk(e)) return null;
  const path = (e as { path?: unknown }).path;
  const folder = typeof path === 'string' ? dirname(path) : null;
  const error = new DiskFullError(
    `The disk${folder ? ` holding ${folder}` : ''} is full: free some space and run again.`, folder ? { folder } : {},
  );
  return { error, line: `Error: ${error.message}` };
}
