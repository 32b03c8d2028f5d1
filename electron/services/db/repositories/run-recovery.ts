import type { CodedMessage } from '../../../../shared/domain/message-codes';
import type { RunStatus } from '../../../../shared/domain/run';
import { ownerAlive } from '../process-owner';
import { nowIso, type Db } from '../sql-util';

export const INTERRUPTED_REASON = 'The app stopped before this run finished (closed, crashed or killed). Nothing was delivered.';

/** Who works on a run (migration 006; rows recorded before it have only the pid). */
export interface RunOwner {
  pid: number | null;
  host: string | null;
  started: number | null;
}

interface OpenRun {
  id: number;
  status: RunStatus;
  owner_pid: number | null;
  owner_host: string | null;
  owner_started: number | null;
  synced_at: string | null;
}

/** "2026-03-01 10:42" in this computer's time (the user's): the same in every language. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * Why a run whose process is gone stopped, by how far it got. Only a build stopped mid-way loses
 * its staged projects: every later state has a finished feed that can still be sent again.
 */
function reasonFor(run: OpenRun): { problem: CodedMessage; keepStaged: boolean } {
  if (run.status === 'uploaded' && run.synced_at) {
    const time = localTime(run.synced_at);
    return {
      keepStaged: true,
      problem: {
        code: 'sync-answer-unknown', params: { time, askedAt: run.synced_at },
        message: `MiniCRM was asked to sync at ${time}; its answer was not recorded (the app stopped). MiniCRM may have imported the feed; nothing was marked as delivered, so the next sync sends these projects again.`,
      },
    };
  }
  if (run.status === 'uploaded') {
    return {
      keepStaged: true,
      problem: {
        code: 'run-interrupted-after-upload',
        message: 'The app stopped after the upload, before MiniCRM was asked to sync. Nothing was delivered; the next sync sends these changes again.',
      },
    };
  }
  if (run.status === 'built') {
    return {
      keepStaged: true,
      problem: {
        code: 'run-interrupted-uploading',
        message: 'The app stopped while uploading the feed (closed, crashed or killed). MiniCRM was not asked to sync; nothing was delivered.',
      },
    };
  }
  return { keepStaged: false, problem: { code: 'run-interrupted', message: INTERRUPTED_REASON } };
}

const ownerOf = (r: OpenRun): RunOwner => ({ pid: r.owner_pid, host: r.owner_host, started: r.owner_started });

/**
 * Runs still open (building, uploading, waiting for MiniCRM) whose process is gone become failed
 * with the reason of how far they got. Called wherever the database is opened, so the command line
 * and the app both tell the truth about a run killed in the other. Returns the ids it failed.
 */
export function markInterruptedRuns(db: Db, isAlive: (owner: RunOwner) => boolean = ownerAlive): number[] {
  const stale = db
    .prepare<[], OpenRun>(
      `SELECT id, status, owner_pid, owner_host, owner_started, synced_at FROM runs
       WHERE (finished_at IS NULL OR status = 'uploaded') AND status NOT IN ('delivered', 'failed', 'cancelled')`,
    )
    .all()
    .filter((r) => r.owner_pid === null || !isAlive(ownerOf(r)));
  if (stale.length === 0) return [];
  // Only if nobody took the run over since it was read (a publisher claims it with its own owner).
  const fail = db.prepare(
    `UPDATE runs SET status = 'failed', finished_at = ?, error = ?, error_code = ?, error_params_json = ?
     WHERE id = ? AND status = ? AND owner_pid IS ? AND owner_started IS ?`,
  );
  const clear = db.prepare('DELETE FROM run_batches WHERE run_id = ?');
  const at = nowIso();
  return db.transaction(() => {
    const failed: number[] = [];
    for (const run of stale) {
      const { problem, keepStaged } = reasonFor(run);
      const params = problem.params ? JSON.stringify(problem.params) : null;
      if (fail.run(at, problem.message, problem.code, params, run.id, run.status, run.owner_pid, run.owner_started).changes === 0) continue;
      if (!keepStaged) clear.run(run.id);
      failed.push(run.id);
    }
    return failed;
  }).immediate();
}
