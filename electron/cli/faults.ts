import { statSync } from 'node:fs';
import type { AppDatabase } from '../services/db';
import { fullDisk, recordRunFault, textRows, trackReached, type Reached } from '../services/jobs/run-faults';
import type { JobContext } from '../../shared/domain/job';
import type { CliIo } from './io';

/** The disk holding the feeds folder or the database is full (the line says which and how much to free). */
export const EXIT_DISK_FULL = 4;

/** What a failing build run of a command needs for its record: its id, and what it reached. */
export interface RunWatch {
  ctx: JobContext;
  onRun(runId: number): void;
  /** Records the fault on the run; a full disk prints its sentence and gives its exit code, else null. */
  fault(e: unknown): number | null;
}

export function watchRun(db: AppDatabase, io: CliIo, ctx: JobContext, place: { feedDir: string; source: string; profileName: string | null }): RunWatch {
  const tracked = trackReached(ctx);
  let runId: number | null = null;
  let sourceSize: number | null = null;
  try {
    sourceSize = statSync(place.source).size;
  } catch {
    // The build itself says that the file is missing.
  }
  return {
    ctx: tracked.ctx,
    onRun: (id) => { runId = id; },
    fault(e) {
      const reached: Reached = tracked.reached();
      const feeds = fullDisk(e) === 'feeds';
      const problem = recordRunFault(db, runId, e, {
        feedDir: place.feedDir, dbFile: db.file, sourceSize, reached,
        sourceRows: feeds ? textRows(place.source) : null, ratio: feeds ? db.runs.feedSizeRatio(place.profileName) : null,
      });
      if (!problem) return null;
      io.err(`Error: ${problem.message}${runId !== null ? ` Run #${runId} failed after ${reached.rows.toLocaleString('en-US')} rows.` : ''}`);
      return EXIT_DISK_FULL;
    },
  };
}
