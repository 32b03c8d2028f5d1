/**
 * Messages between the job runner (main thread) and a job worker thread. Everything here must be
 * structured-cloneable: plain objects, no class instances, no functions.
 */
import type { JobProgress } from '../../../shared/domain/job';
import type { IpcError } from '../../../shared/ipc/contract';

/** What a worker needs to reach the same services as main (it opens its own db connection; WAL allows it). */
export interface JobEnv {
  dbPath: string | null;
  /** better_sqlite3.node built for Electron (packaged app / npm start); absent under Node. */
  nativeBinding?: string;
  userDataPath?: string;
}

export interface WorkerInput {
  jobId: string;
  task: string;
  payload: unknown;
  env: JobEnv;
  /** Minimum milliseconds between two progress messages of the same stage. */
  progressIntervalMs: number;
}

export type ToWorker = { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: Omit<JobProgress, 'jobId'> }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: IpcError }
  | { type: 'cancelled' };

/**
 * Drops progress updates that come faster than `intervalMs`, except a stage change or the last
 * step (done === total), so a million-row job sends a few messages per second, not a million.
 */
export function progressThrottle(intervalMs: number, now: () => number = Date.now) {
  let lastAt = -Infinity;
  let lastStage = '';
  let lastKey = '';
  return (p: Omit<JobProgress, 'jobId'>): boolean => {
    const t = now();
    const key = `${p.stage}|${p.done}|${p.total}|${p.unit}`;
    if (key === lastKey) return false; // a repeat says nothing new
    const final = p.total !== null && p.done >= p.total;
    if (p.stage !== lastStage || final || t - lastAt >= intervalMs) {
      lastAt = t;
      lastStage = p.stage;
      lastKey = key;
      return true;
    }
    return false;
  };
}
