import { resolve } from 'node:path';
import type { JobContext } from '../../../shared/domain/job';
import { answerUnknown, awaitsTrigger, type RunRecord } from '../../../shared/domain/run';
import type { AppDatabase } from '../db';
import { PublishError } from './publish-error';
import { publishRun, type PublishDeps, type PublishReport } from './publish-run';

export interface InterruptedRun {
  run: RunRecord;
  /**
   * `not-triggered`: uploaded, MiniCRM never asked — "trigger now" is safe.
   * `outcome-unknown`: the ask left but no answer was recorded — MiniCRM may have processed it;
   * only "send again" (a new run) or "discard" are offered.
   */
  state: 'not-triggered' | 'outcome-unknown';
}

/** Runs stopped between upload and MiniCRM's answer, newest first. */
export function listInterruptedRuns(db: AppDatabase): InterruptedRun[] {
  return db.runs.listInterrupted()
    .filter((run) => awaitsTrigger(run) || answerUnknown(run))
    .map((run) => ({ run, state: run.syncedAt ? 'outcome-unknown' : 'not-triggered' }));
}

/** "Trigger now" for an uploaded, never-triggered run: SyncFeed only, no new upload. */
export async function triggerNow(db: AppDatabase, runId: number, deps: PublishDeps, ctx: JobContext): Promise<PublishReport> {
  const run = db.runs.getRecord(runId);
  if (!run) throw new PublishError('run-not-found', `Run ${runId} does not exist.`, false, { id: runId });
  if (!awaitsTrigger(run)) {
    throw new PublishError('run-not-waiting', `Run ${runId} is not waiting to be triggered (it is "${run.status}").`, false, { id: runId, runStatus: run.status });
  }
  return publishRun(db, runId, deps, ctx);
}

/** "Discard": the uploaded feed is not sent; nothing is delivered (a later changed-only sync sends those projects again). */
export function discardRun(db: AppDatabase, runId: number): RunRecord {
  const run = db.runs.getRecord(runId);
  if (!run) throw new PublishError('run-not-found', `Run ${runId} does not exist.`, false, { id: runId });
  if (!awaitsTrigger(run) && !(run.status === 'uploaded' && answerUnknown(run))) {
    throw new PublishError('run-not-waiting', `Run ${runId} is not an interrupted upload (it is "${run.status}").`, false, { id: runId, runStatus: run.status });
  }
  db.runs.finish(runId, 'cancelled', {
    problem: run.syncedAt
      ? { code: 'run-discarded-unknown', message: 'Discarded by the user; MiniCRM\'s answer was never received, so nothing was marked as delivered.' }
      : { code: 'run-discarded', message: 'Discarded by the user after the upload; MiniCRM was not asked to sync and nothing was delivered.' },
  });
  return db.runs.getRecord(runId)!;
}

/**
 * "Send again": an explicit new run with the same feed (and the same staged projects, so a 200
 * advances the baseline). The original run is never triggered a second time.
 */
export function resendRun(db: AppDatabase, runId: number): number {
  return db.db.transaction(() => {
    const r = db.runs.get(runId);
    if (!r) throw new PublishError('run-not-found', `Run ${runId} does not exist.`, false, { id: runId });
    if (!r.feedPath) throw new PublishError('run-no-feed', `Run ${runId} has no feed to send again.`, false, { id: runId });
    if (awaitsTrigger(r)) {
      throw new PublishError('run-use-trigger-now', `Run ${runId} is uploaded but was never sent; use "trigger now" instead.`, false, { id: runId });
    }
    const id = db.runs.create({
      kind: 'publish', status: 'built', sourceName: r.sourceName, sourcePath: r.sourcePath, sourceSize: r.sourceSize,
      sourceSha256: r.sourceSha256, sheet: r.sheet, profileName: r.profileName, profileJson: r.profileJson, mode: r.mode,
      counts: r.counts, feedPath: r.feedPath, feedSize: r.feedSize, feedSha256: r.feedSha256, resendOf: runId,
      finishedAt: new Date().toISOString(),
    });
    db.runs.copyStaged(runId, id);
    return id;
  }).immediate();
}

/** The newest run whose feed is this file (CLI `publish FEED.xml`). */
export function findRunByFeedPath(db: AppDatabase, feedPath: string): RunRecord | null {
  const want = resolve(feedPath);
  const name = want.split(/[\\/]/).pop() ?? want;
  return db.runs.list({ search: name, limit: 200 }).find((r) => r.feedPath !== null && resolve(r.feedPath) === want) ?? null;
}
