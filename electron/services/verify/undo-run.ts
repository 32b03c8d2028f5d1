/**
 * "Undo this sync": a restore run (kind `restore`) whose feed puts back, for every card a delivered
 * run changed, the values that run overwrote. It is built like any run (feed written by the
 * FeedWriter, its projects staged) and reviewed and sent like any run: publishRun delivers it and
 * moves the baseline. What a feed cannot undo is kept as notes (and exported as a list).
 */
import { join } from 'node:path';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { RestoreCounts, RestoreSummary, UndoNote } from '../../../shared/domain/verification';
import type { AppDatabase } from '../db';
import { prepareProject } from '../delta/index';
import type { StagedProject } from '../delta/staged-codec';
import { FeedWriter, feedFileName } from '../feed/index';
import { flatStored, unflattenProject } from './flat-project';
import { deliveredHistory, sentBatches } from './run-history';
import { planCard } from './undo-plan';
import { VerifyError } from './verify-error';

export interface UndoOptions {
  /** Where the restore feed is written (the app's feeds folder). */
  outDir: string;
  /** Work it out only: no run, no feed; every note comes back in `notes`. */
  dryRun?: boolean;
  /** Cards with their changes, and notes, kept in the summary (default 1000 each). */
  previewLimit?: number;
}

export interface UndoResult {
  summary: RestoreSummary;
  /** The restore run's feed (null: nothing to put back, or a dry run). */
  feedPath: string | null;
  /** Dry run only: every note (the export of a prepared restore reads them from the history instead). */
  notes: UndoNote[];
}

/**
 * A prepared restore must still fit the delivered state when it is sent: throws `restore-outdated`
 * when a run was delivered after it was worked out (it could put back values that run just set).
 */
export function checkRestoreCurrent(db: AppDatabase, summary: RestoreSummary): void {
  const newest = db.runs.list({ status: 'delivered', limit: 1 })[0]?.id ?? 0;
  if (newest > summary.basedOn && newest !== summary.runId) {
    throw new VerifyError('restore-outdated', `Run ${newest} was delivered after restore ${summary.runId} was worked out; undo the sync again to work it out anew.`, { id: summary.runId, run: newest });
  }
}

/** Prepares the restore of delivered run `runId`. */
export async function prepareRestore(db: AppDatabase, runId: number, opts: UndoOptions, ctx: JobContext): Promise<UndoResult> {
  const { run, history } = deliveredHistory(db, runId, { complete: true });
  const limit = opts.previewLimit ?? 1000;
  const dry = opts.dryRun === true;
  const counts: RestoreCounts = { cards: 0, fields: 0, created: 0, emptyBefore: 0, changedSince: 0 };
  const basedOn = db.runs.list({ status: 'delivered', limit: 1 })[0]?.id ?? 0;
  const summary: RestoreSummary = { runId: 0, undoes: runId, basedOn, counts, changes: [], notes: [], truncated: false };
  const allNotes: UndoNote[] = [];
  let restoreRunId = 0;
  let writer: FeedWriter | null = null;
  if (!dry) {
    restoreRunId = db.runs.create({
      kind: 'restore', profileName: run.profileName, profileJson: db.runs.get(runId)?.profileJson ?? null, mode: null, sourceName: null,
    });
    summary.runId = restoreRunId;
    db.restores.create(restoreRunId, runId, summary);
  }
  const note = (n: UndoNote): void => {
    counts[n.kind === 'created' ? 'created' : n.kind === 'empty-before' ? 'emptyBefore' : 'changedSince']++;
    if (summary.notes.length < limit) summary.notes.push(n);
    else summary.truncated = true;
  };
  try {
    if (!dry) writer = await FeedWriter.open(join(opts.outDir, feedFileName(new Date(), restoreRunId)));
    const seen = new Set<string>();
    let done = 0;
    for (const batch of sentBatches(db, runId)) {
      if (ctx.signal.aborted) throw new CancelledError();
      // A run never sends one card twice (the engine merges duplicate Ids); were it to, its first copy counts.
      const touched = batch.filter((p) => (p.state === 'changed' || p.state === 'created') && !seen.has(p.id));
      for (const p of touched) seen.add(p.id);
      const now = db.delivered.getValues(touched.filter((p) => p.state === 'changed').map((p) => p.id));
      const notes: UndoNote[] = [];
      const stage: StagedProject[] = [];
      for (const p of touched) {
        if (p.state === 'created' || p.before === null) {
          notes.push({ kind: 'created', projectId: p.id, field: null, runValue: null, now: null });
          continue;
        }
        const current = now.get(p.id);
        const plan = planCard(p.id, flatStored(p.packed), flatStored(p.before), current === undefined ? null : flatStored(current));
        notes.push(...plan.notes);
        if (!plan.restored) continue;
        counts.cards++;
        counts.fields += plan.changes.length;
        if (summary.changes.length < limit) summary.changes.push({ id: p.id, changes: plan.changes });
        else summary.truncated = true;
        const project = unflattenProject(p.id, plan.restored);
        if (writer) {
          const wait = writer.write(project);
          if (wait) await wait;
          stage.push(prepareProject(project));
        }
      }
      for (const n of notes) note(n);
      if (dry) allNotes.push(...notes);
      else {
        db.runs.stageProjects(restoreRunId, stage);
        db.restores.addNotes(restoreRunId, notes);
      }
      done += batch.length;
      ctx.progress('writing', done, history.sent, 'projects');
    }
    if (dry) return { summary, feedPath: null, notes: allNotes };
    let feed: { path: string; size: number; sha256: string } | null = null;
    if (counts.cards > 0) feed = await writer!.commit();
    else await writer!.abort();
    db.restores.setSummary(restoreRunId, summary);
    db.runs.finish(restoreRunId, 'built', {
      counts: { rows: 0, projects: counts.cards, written: counts.cards },
      feedPath: feed?.path ?? null, feedSize: feed?.size ?? null, feedSha256: feed?.sha256 ?? null,
    });
    return { summary, feedPath: feed?.path ?? null, notes: [] };
  } catch (e) {
    await writer?.abort();
    if (restoreRunId) {
      db.runs.clearStaged(restoreRunId);
      db.runs.finish(restoreRunId, e instanceof CancelledError ? 'cancelled' : 'failed', {
        problem: e instanceof CancelledError
          ? { code: 'build-cancelled', message: 'Cancelled by the user. Nothing was written.' }
          : { code: 'internal-error', message: (e as Error).message ?? String(e) },
      });
    }
    throw e;
  }
}
