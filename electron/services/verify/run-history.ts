/**
 * A delivered run's history as the check and the undo read it: per project what the run sent,
 * what the delivery did to it, and the state it replaced (delivery-history-repository.ts).
 */
import type { RunRecord } from '../../../shared/domain/run';
import type { AppDatabase } from '../db';
import { CHANGED, CREATED, KEEP_HISTORY_RUNS, type DeliveryHistory, type HistoryBatch } from '../db/repositories/delivery-history-repository';
import { decodeStaged } from '../delta/staged-codec';
import { VerifyError } from './verify-error';

export interface SentProject {
  id: string;
  /** The packed values the run sent. */
  packed: string;
  /** What the delivery did: the card was new, changed, or already held these values; unknown when not recorded. */
  state: 'created' | 'changed' | 'unchanged' | 'unknown';
  /** The packed values it replaced (changed only). */
  before: string | null;
}

/** The run, if it was delivered and its history is kept (`complete`: what it overwrote is known too). */
export function deliveredHistory(db: AppDatabase, runId: number, need: { complete?: boolean } = {}): { run: RunRecord; history: DeliveryHistory } {
  const run = db.runs.getRecord(runId);
  if (!run) throw new VerifyError('run-not-found', `Run ${runId} does not exist.`, { id: runId });
  if (run.status !== 'delivered') throw new VerifyError('run-not-delivered', `Run ${runId} was not delivered to MiniCRM, so there is nothing to check or undo.`, { id: runId });
  const history = db.history.get(runId);
  if (!history) {
    throw new VerifyError('run-history-missing', `What run ${runId} sent is no longer kept: the app keeps it for the last ${KEEP_HISTORY_RUNS} delivered syncs.`, { id: runId, keep: KEEP_HISTORY_RUNS });
  }
  if (need.complete && !history.complete) {
    throw new VerifyError('undo-not-recorded', `Run ${runId} was delivered before the app recorded what a sync overwrites, so it cannot be undone.`, { id: runId });
  }
  return { run, history };
}

/** The projects of one history batch, in the order they were sent. */
export function sentProjects(b: HistoryBatch): SentProject[] {
  const sent = decodeStaged(b.sent);
  const before = b.overwritten ? decodeStaged(b.overwritten) : [];
  let next = 0;
  return sent.map((p, i) => {
    const s = b.states ? b.states[i] : undefined;
    if (s === undefined) return { id: p.id, packed: p.packed, state: 'unknown', before: null };
    if (s === CREATED) return { id: p.id, packed: p.packed, state: 'created', before: null };
    if (s === CHANGED) return { id: p.id, packed: p.packed, state: 'changed', before: before[next++]?.packed ?? null };
    return { id: p.id, packed: p.packed, state: 'unchanged', before: null };
  });
}

/** Every project a run sent, batch by batch (one batch in memory at a time). */
export function* sentBatches(db: AppDatabase, runId: number): Generator<SentProject[]> {
  for (const b of db.history.batches(runId)) yield sentProjects(b);
}

/**
 * The cards a check looks at: every card of a run that sent at most `small`, else `sample` drawn
 * at random plus the ones the user `picks` (refused when the run did not send them). Reads only
 * the batches holding drawn cards, unless there are picks to find.
 */
export function pickCards(
  db: AppDatabase, runId: number, o: { sample: number; picks: readonly string[]; small: number; random?: () => number },
): Array<SentProject & { picked: boolean }> {
  const counts = db.history.counts(runId);
  const total = counts.reduce((n, c) => n + c.count, 0);
  const picks = new Set(o.picks.map((p) => p.trim()).filter((p) => p !== ''));
  const every = total <= o.small;
  // Draw a few more than asked, so cards the user also picked do not shrink the random sample.
  const rank = new Map<number, number>();
  if (!every) {
    const random = o.random ?? Math.random;
    const want = Math.min(o.sample + picks.size, total);
    while (rank.size < want) {
      const i = Math.floor(random() * total);
      if (!rank.has(i)) rank.set(i, rank.size);
    }
  }
  const out: Array<SentProject & { picked: boolean; at: number }> = [];
  const drawn: Array<{ at: number; rank: number }> = [];
  const seen = new Set<string>();
  let base = 0;
  for (const { seq, count } of counts) {
    const needed = every || picks.size > 0 || [...rank.keys()].some((i) => i >= base && i < base + count);
    if (needed) {
      sentProjects(db.history.batch(runId, seq)!).forEach((p, i) => {
        if (seen.has(p.id)) return;
        const picked = picks.has(p.id);
        const r = rank.get(base + i);
        if (every || picked) out.push({ ...p, picked, at: base + i });
        else if (r !== undefined) drawn.push({ at: out.push({ ...p, picked: false, at: base + i }) - 1, rank: r });
        else return;
        seen.add(p.id);
      });
    }
    base += count;
  }
  // The first `sample` of the drawn cards (in the order drawn) stay, with every picked one.
  const dropped = new Set(drawn.sort((a, b) => a.rank - b.rank).slice(o.sample).map((d) => d.at));
  const unknown = [...picks].filter((id) => !seen.has(id));
  if (unknown.length > 0) {
    throw new VerifyError('verify-unknown-cards', `These cards were not sent by run ${runId}: ${unknown.slice(0, 20).join(', ')}`, { id: runId, ids: unknown.slice(0, 20).join(', ') });
  }
  return out.filter((_p, i) => !dropped.has(i)).map(({ at: _at, ...p }) => p);
}
