/**
 * A feed built before a run MiniCRM has since confirmed would put older values back (or send the
 * same ones again for nothing). Publishing it, and "send again", are refused with the numbers
 * unless the user confirms (`--force`, the app's confirmation).
 */
import { existsSync } from 'node:fs';
import type { AppDatabase } from '../db';
import { readFeedProjects } from '../feed/feed-reader';
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
  /** False when neither its staged projects nor its feed file tell what it holds: it might roll any back. */
  known: boolean;
}

const CHUNK = 2000;

/**
 * Which newer runs delivered this run's feed's projects, and how many would go back. Null: nothing
 * newer. The staged projects (new or changed when it was built) carry their hash: the same hash
 * delivered later is a resend for nothing, another one a roll-back. Projects the feed holds but
 * did not stage (a full feed's unchanged ones, or staging pruned since) are read from the feed
 * itself: a newer run delivering one of them changed it, so sending this feed rolls it back.
 */
export async function findOlderFeed(db: AppDatabase, runId: number): Promise<OlderFeed | null> {
  const root = db.runs.feedRoot(runId);
  const newest = db.runs.newestDelivered();
  // A run's feed root is never newer than the run: nothing delivered after this feed was built.
  if (newest === null || newest <= root) return null;
  const run = db.runs.getRecord(runId);
  if (!run) return null;
  const roots = new Map<number, number>();
  const rootOf = (id: number): number => {
    let r = roots.get(id);
    if (r === undefined) roots.set(id, (r = db.runs.feedRoot(id)));
    return r;
  };
  let rollback = 0;
  let same = 0;
  let newer = 0;
  const staged = new Map<string, string>();
  for (const batch of db.runs.stagedBatches(runId)) forEachStaged(batch, (id, hash) => void staged.set(id, hash));
  /** Counts `ids` a newer run delivered; `hashOf` gives this feed's hash where it is known. */
  const count = (ids: string[], hashOf: (id: string) => string | undefined) => {
    for (const [id, state] of db.delivered.statesFor(ids)) {
      if (state.runId === null || rootOf(state.runId) <= root) continue;
      if (state.hash === hashOf(id)) same++;
      else rollback++;
      newer = Math.max(newer, state.runId);
    }
  };
  const ids = [...staged.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) count(ids.slice(i, i + CHUNK), (id) => staged.get(id));
  let known = true;
  if (staged.size < run.counts.written) {
    if (run.feedPath && existsSync(run.feedPath)) {
      let chunk: string[] = [];
      for await (const p of readFeedProjects(run.feedPath)) {
        if (staged.has(p.Id)) continue;
        chunk.push(p.Id);
        if (chunk.length === CHUNK) {
          count(chunk, () => undefined);
          chunk = [];
        }
      }
      count(chunk, () => undefined);
    } else if (rootOf(newest) > root) {
      // Neither staged nor readable: any of its projects might go back.
      known = false;
      newer = Math.max(newer, newest);
    }
  }
  if (newer === 0) return null;
  const at = db.runs.getRecord(newer);
  return { runId, newerRunId: newer, newerAt: localTime(at?.syncedAt ?? at?.finishedAt ?? new Date().toISOString()), rollback, same, known };
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
export async function refuseOlderFeed(db: AppDatabase, runId: number): Promise<void> {
  const older = await findOlderFeed(db, runId);
  if (older) throw olderFeedError(older);
}
