import type { RunAnnotation } from '../../../../shared/domain/verification';
import type { SyncResult } from '../../../../shared/ipc/types';
import type { PublishPayload } from '../../../services/jobs/job-payloads';
import type { UndoPayload, VerifyPayload } from '../../../services/jobs/verify-tasks';
import { publishBlocker } from '../../../services/publish/publish-run';
import { checkLines, noteLines, writeSheet } from '../../../services/verify/report-export';
import { deliveredHistory } from '../../../services/verify/run-history';
import { checkRestoreCurrent } from '../../../services/verify/undo-run';
import { logError } from '../../../services/log';
import { VerifyError } from '../../../services/verify/verify-error';
import { AFTER_SYNC_WAITS_MS, CHECK_WAITS_MS, startVerification } from '../../../services/verify/verify-run';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';
import { secretSnapshot } from './job-handlers';
import { effectiveLanguage } from './prefs';

type VerifyChannels =
  | 'verify:start' | 'verify:latest' | 'verify:export' | 'runs:annotations' | 'undo:prepare' | 'undo:get' | 'undo:send' | 'undo:export';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Checks in MiniCRM and undo. A check starts by itself after every delivered sync (sync, send
 * again, trigger now, a restore), and on demand; its row exists before the job runs, so History
 * shows it at once. Checks a closed app left running are marked cancelled on start.
 */
export function verifyHandlers(deps: HandlerDeps): Pick<Handlers, VerifyChannels> {
  const { db, jobs } = deps;
  /** Running checks of this process: verification id -> job id. */
  const running = new Map<number, string>();
  db.verifications.markAbandoned((pid) => pid !== process.pid && alive(pid));

  const startCheck = async (runId: number, o: { sampleSize?: number; picks?: string[]; waitsMs: readonly number[] }) => {
    for (const [vid] of running) {
      // A check whose worker has stored its end is over, even before its job has settled here.
      const s = db.verifications.summary(vid);
      if (s?.runId === runId && s.state === 'running') throw new VerifyError('verify-running', `Run ${runId} is being checked in MiniCRM already.`, { id: runId });
    }
    const verificationId = startVerification(db, runId);
    const payload: VerifyPayload = { verificationId, sampleSize: o.sampleSize, picks: o.picks, waitsMs: [...o.waitsMs], secrets: await secretSnapshot(deps) };
    const jobId = jobs.start('verify', payload);
    running.set(verificationId, jobId);
    void jobs.wait(jobId).finally(() => running.delete(verificationId));
    return { jobId, verificationId };
  };

  jobs.onEvent((e) => {
    if (e.type !== 'done' || (e.kind !== 'sync' && e.kind !== 'publish')) return;
    const r = e.result as SyncResult;
    if (r?.status !== 'delivered' || !db.history.get(r.runId)) return;
    startCheck(r.runId, { waitsMs: deps.verifyWaits?.afterSync ?? AFTER_SYNC_WAITS_MS }).catch((err: unknown) => logError(`check of run ${r.runId} not started`, err));
  });

  const restoreOf = (runId: number) => {
    const summary = db.restores.summary(runId);
    if (!summary) throw new VerifyError('restore-not-found', `Run ${runId} is not a restore run.`, { id: runId });
    return summary;
  };
  const save = async (defaultName: string, format: 'xlsx' | 'csv') => deps.dialogs.saveFile({ defaultName: `${defaultName}.${format}`, kind: format });

  return {
    'verify:start': ({ runId, sampleSize, picks }) => startCheck(runId, { sampleSize, picks, waitsMs: deps.verifyWaits?.onDemand ?? CHECK_WAITS_MS }),
    'verify:latest': async ({ runId }) => {
      const s = db.verifications.latestFor([runId]).get(runId);
      if (!s) return null;
      return { ...db.verifications.get(s.id)!, jobId: running.get(s.id) ?? null };
    },
    'verify:export': async ({ verificationId, format }) => {
      const v = db.verifications.get(verificationId);
      if (!v) throw new VerifyError('verify-no-cards', `Check ${verificationId} does not exist.`, { id: verificationId });
      const path = await save(`minicrm-check-run${v.runId}`, format);
      if (!path) return null;
      return { path, rows: await writeSheet(path, format, 'MiniCRM', checkLines(v.cards, effectiveLanguage(deps))) };
    },
    'runs:annotations': async ({ ids }) => {
      const checks = db.verifications.latestFor(ids);
      return ids.map((runId): RunAnnotation => ({
        runId, check: checks.get(runId) ?? null, undoes: db.restores.undoes(runId), undoneBy: db.restores.undoneBy(runId),
      }));
    },
    'undo:prepare': async ({ runId }) => {
      deliveredHistory(db, runId, { complete: true });
      const payload: UndoPayload = { runId, outDir: deps.feedsDir };
      return { jobId: jobs.start('undo', payload) };
    },
    'undo:get': async ({ runId }) => restoreOf(runId),
    'undo:send': async ({ runId }) => {
      checkRestoreCurrent(db, restoreOf(runId));
      const run = db.runs.getRecord(runId)!;
      if (publishBlocker(run) || run.counts.written === 0) {
        throw new VerifyError('restore-not-sendable', `This restore (${runId}) has nothing to send, or was sent already.`, { id: runId });
      }
      const payload: PublishPayload = { runId, action: 'publish', secrets: await secretSnapshot(deps) };
      return { jobId: jobs.start('publish', payload) };
    },
    'undo:export': async ({ runId, format }) => {
      const summary = restoreOf(runId);
      const path = await save(`minicrm-undo-run${summary.undoes}`, format);
      if (!path) return null;
      return { path, rows: await writeSheet(path, format, 'MiniCRM', noteLines(db.restores.notes(runId), summary.undoes, effectiveLanguage(deps))) };
    },
  };
}
