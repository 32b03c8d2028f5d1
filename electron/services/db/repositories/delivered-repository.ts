import { InListQuery, nowIso, type Db } from '../sql-util';
import { patchAssignments, type RunPatch } from './run-mapping';

export interface DeliveredState {
  id: string;
  hash: string;
  /** The stored (packed) values; the delta layer decodes them (flattenStored). */
  packed: string;
  runId: number | null;
  deliveredAt: string;
}

interface DeliveredRow {
  project_id: string;
  hash: string;
  packed: string;
  run_id: number | null;
  delivered_at: string;
}

/**
 * The delta baseline: per Project Id what MiniCRM last confirmed. Building a feed never touches it;
 * only markDelivered (after a 200 from SyncFeed) advances it.
 */
export class DeliveredRepository {
  private readonly hashQuery: InListQuery<{ project_id: string; hash: string }>;
  private readonly valuesQuery: InListQuery<{ project_id: string; packed: string }>;

  constructor(private readonly db: Db) {
    this.hashQuery = new InListQuery(db, (p) => `SELECT project_id, hash FROM delivered WHERE project_id IN (${p})`);
    this.valuesQuery = new InListQuery(db, (p) => `SELECT project_id, packed FROM delivered WHERE project_id IN (${p})`);
  }

  /** Delivered hashes of those ids that have one (batched IN lookups). */
  hashesFor(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.hashQuery.all(ids)) out.set(r.project_id, r.hash);
    return out;
  }

  /** Delivered stored values (as stored, JSON) of those ids that have them. */
  getValues(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.valuesQuery.all(ids)) out.set(r.project_id, r.packed);
    return out;
  }

  get(id: string): DeliveredState | null {
    const r = this.db.prepare<[string], DeliveredRow>('SELECT * FROM delivered WHERE project_id = ?').get(id);
    if (!r) return null;
    return { id: r.project_id, hash: r.hash, packed: r.packed, runId: r.run_id, deliveredAt: r.delivered_at };
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM delivered').get()!.n;
  }

  /**
   * A confirmed SyncFeed: the run's staged projects become the delivered state and the run becomes
   * `delivered`, all in ONE transaction (a crash leaves either the old baseline or the new one).
   * `patch` carries the SyncFeed outcome (syncStatus, syncBody …). Returns how many projects advanced.
   */
  markDelivered(runId: number, patch: RunPatch = {}): number {
    const at = patch.syncedAt ?? nowIso();
    return this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId);
      if (!exists) throw new Error(`Run ${runId} does not exist.`);
      // Later staged rows win when a run staged one id twice (rowid order).
      const changes = this.db
        .prepare(
          `INSERT INTO delivered (project_id, hash, packed, run_id, delivered_at)
           SELECT project_id, hash, packed, run_id, ? FROM run_projects WHERE run_id = ? ORDER BY rowid
           ON CONFLICT(project_id) DO UPDATE SET
             hash = excluded.hash, packed = excluded.packed, run_id = excluded.run_id, delivered_at = excluded.delivered_at`,
        )
        .run(at, runId).changes;
      const { sets, values } = patchAssignments({ ...patch, status: 'delivered', syncedAt: at, finishedAt: patch.finishedAt ?? at });
      this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...values, runId);
      return changes;
    }).immediate();
  }
}
