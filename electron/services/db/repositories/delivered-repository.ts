import { forEachStagedUtf8 } from '../../delta/staged-codec';
import { InListQuery, nowIso, type Db } from '../sql-util';
import type { DeliveryHistoryRepository } from './delivery-history-repository';
import { patchAssignments, type RunPatch } from './run-mapping';

export interface DeliveredState {
  id: string;
  hash: string;
  /** The stored (packed) values; the delta layer decodes them (unpackProject). */
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

/** Projects per upsert statement in markDelivered (multi-row VALUES, as staging did). */
const UPSERT_ROWS = 50;

// Staged fields arrive as UTF-8 bytes (see forEachStagedUtf8): CAST makes them the same TEXT a
// string would bind as, without a decode to JS and a re-encode per field. The run and the time are
// bound once per statement (named), not once per row.
const upsertSql = (rows: number): string =>
  `INSERT INTO delivered (project_id, hash, packed, run_id, delivered_at)
   VALUES ${new Array(rows).fill('(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), @runId, @at)').join(', ')}
   ON CONFLICT(project_id) DO UPDATE SET
     hash = excluded.hash, packed = excluded.packed, run_id = excluded.run_id, delivered_at = excluded.delivered_at`;

/**
 * Reading the delivered state by Id: what a build's reading threads classify against, each on a
 * read-only connection of its own (WAL: they read beside the run's writes).
 */
export class DeliveredReader {
  private readonly hashQuery: InListQuery<{ project_id: string; hash: string }>;
  private readonly valuesQuery: InListQuery<{ project_id: string; packed: string }>;

  constructor(db: Db) {
    // INDEXED BY: left to itself the planner takes the primary key's index (unique, so "one row")
    // and then fetches each row from the table pages full of packed values; (project_id, hash)
    // holds the answer itself (migration 005).
    this.hashQuery = new InListQuery(
      db, (p) => `SELECT project_id, hash FROM delivered INDEXED BY delivered_hash WHERE project_id IN (${p})`,
    );
    this.valuesQuery = new InListQuery(db, (p) => `SELECT project_id, packed FROM delivered WHERE project_id IN (${p})`);
  }

  /** Delivered hashes of those ids that have one (batched IN lookups). */
  hashesFor(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.hashQuery.all(ids)) out.set(r.project_id, r.hash);
    return out;
  }

  /** Delivered values (packed-project.ts) of those ids that have them. */
  getValues(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.valuesQuery.all(ids)) out.set(r.project_id, r.packed);
    return out;
  }
}

/**
 * The delta baseline: per Project Id what MiniCRM holds as far as confirmed syncs tell: every
 * field's last delivered value (delta/field-state.ts). Building a feed never touches it;
 * only markDelivered (after a 200 from SyncFeed) advances it.
 */
export class DeliveredRepository extends DeliveredReader {
  private readonly upsertOne;
  private readonly upsertMany;
  private readonly batchSeqs;
  private readonly batchData;
  private readonly statesQuery: InListQuery<{ project_id: string; hash: string; run_id: number | null }>;

  /** `history`: keeps what each delivery sent and overwrote (delivery-history-repository.ts). */
  constructor(private readonly db: Db, private readonly history?: DeliveryHistoryRepository) {
    super(db);
    this.statesQuery = new InListQuery(db, (p) => `SELECT project_id, hash, run_id FROM delivered WHERE project_id IN (${p})`);
    this.upsertOne = db.prepare(upsertSql(1));
    this.upsertMany = db.prepare(upsertSql(UPSERT_ROWS));
    this.batchSeqs = db.prepare<[number], { seq: number }>('SELECT seq FROM run_batches WHERE run_id = ? ORDER BY seq');
    this.batchData = db.prepare<[number, number], { data: Buffer }>('SELECT data FROM run_batches WHERE run_id = ? AND seq = ?');
  }

  /** Delivered hash and delivering run of those ids that have one (is a feed older than what MiniCRM has?). */
  statesFor(ids: readonly string[]): Map<string, { hash: string; runId: number | null }> {
    const out = new Map<string, { hash: string; runId: number | null }>();
    for (const r of this.statesQuery.all(ids)) out.set(r.project_id, { hash: r.hash, runId: r.run_id });
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
      // Batches in seq order and rows in batch order, each upserted over the last: when a run
      // staged one id twice the later row wins. Each batch is read on its own (not iterated): a
      // statement cannot write while another one is still iterating.
      const named = { runId, at };
      const args: unknown[] = new Array(UPSERT_ROWS * 3 + 1);
      args[UPSERT_ROWS * 3] = named;
      let n = 0;
      let changes = 0;
      // History: told each batch and each group of rows just before they overwrite what they replace.
      const history = this.history?.recorder(runId);
      for (const { seq } of this.batchSeqs.all(runId)) {
        const data = this.batchData.get(runId, seq)!.data;
        history?.batch(seq, data);
        forEachStagedUtf8(data, (id, hash, packed) => {
          args[3 * n] = id;
          args[3 * n + 1] = hash;
          args[3 * n + 2] = packed;
          if (++n === UPSERT_ROWS) {
            history?.beforeWrite(args, n);
            changes += this.upsertMany.run(...args).changes;
            n = 0;
          }
        });
      }
      if (n > 0) history?.beforeWrite(args, n);
      for (let i = 0; i < n; i++) changes += this.upsertOne.run(args[3 * i], args[3 * i + 1], args[3 * i + 2], named).changes;
      history?.end();
      const { sets, values } = patchAssignments({ ...patch, status: 'delivered', syncedAt: at, finishedAt: patch.finishedAt ?? at });
      this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...values, runId);
      return changes;
    }).immediate();
  }
}
