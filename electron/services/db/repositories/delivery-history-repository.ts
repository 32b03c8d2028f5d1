import { encodeStaged, stagedCountOf, type StagedProject } from '../../delta/staged-codec';
import type BetterSqlite3 from 'better-sqlite3';
import { InListQuery, nowIso, type Db } from '../sql-util';

/** Delivered runs whose history (what they sent and overwrote) is kept; older ones lose it. */
export const KEEP_HISTORY_RUNS = 20;

/** What the history knows about one delivered run. */
export interface DeliveryHistory {
  runId: number;
  /** False for runs delivered before this was recorded: what they overwrote is unknown. */
  complete: boolean;
  /** Projects the run sent. */
  sent: number;
  /** Of those, cards that existed and changed, and cards the run created. */
  changed: number;
  created: number;
  recordedAt: string;
}

/** One staged batch as delivered, with the previous state of those of its projects the delivery changed. */
export interface HistoryBatch {
  seq: number;
  count: number;
  /** staged-codec.ts: the batch as it was delivered. */
  sent: Buffer;
  /** staged-codec.ts: id, previous hash, previous packed of the CHANGED rows, in order. Null when not recorded. */
  overwritten: Buffer | null;
  /** One byte per sent row: UNCHANGED, CHANGED, CREATED (null when not recorded). */
  states: Buffer | null;
}

interface Pending {
  seq: number;
  data: Buffer;
  count: number;
  /** Rows of this batch not yet seen by `beforeWrite`. */
  left: number;
  /** Per row of the batch: UNCHANGED, CHANGED or CREATED. */
  states: Uint8Array;
  entries: StagedProject[];
  created: number;
}

/** What the delivery did to each project a batch sent (delivery_batches.states, one byte a row). */
export const UNCHANGED = 0;
export const CHANGED = 1;
export const CREATED = 2;

const text = (v: unknown): string => (typeof v === 'string' ? v : (v as Buffer).toString('utf8'));

/**
 * Keeps, for every delivered run, a copy of what it sent and the delivered state it replaced, so a
 * run can be checked against MiniCRM and undone long after its staged batches are gone.
 * markDelivered drives a `Recorder` inside its own transaction (see `recorder`).
 */
export class DeliveryHistoryRepository {
  private readonly changedStmts = new Map<number, BetterSqlite3.Statement>();
  private readonly packedQuery: InListQuery<{ project_id: string; packed: string }>;
  private readonly insertBatch;
  private readonly batchSeqs;
  private readonly batchRow;

  constructor(private readonly db: Db) {
    this.packedQuery = new InListQuery(db, (p) => `SELECT project_id, packed FROM delivered WHERE project_id IN (${p})`, 100);
    this.insertBatch = db.prepare(
      'INSERT INTO delivery_batches (run_id, seq, count, sent, overwritten_count, overwritten, states) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.batchSeqs = db.prepare<[number], { seq: number }>('SELECT seq FROM delivery_batches WHERE run_id = ? ORDER BY seq');
    this.batchRow = db.prepare<[number, number], HistoryBatch>(
      'SELECT seq, count, sent, overwritten, states FROM delivery_batches WHERE run_id = ? AND seq = ?',
    );
  }

  /**
   * For markDelivered (same transaction): `batch` before each staged batch is walked,
   * `beforeWrite` with the rows (args[3i] id, args[3i+1] hash, UTF-8 bytes or strings) just before
   * they overwrite `delivered`, and `end` once all are written. Reads only hashes for rows that did
   * not change (a full re-send of a million unchanged projects reads no packed values).
   */
  recorder(runId: number): Recorder {
    const queue: Pending[] = [];
    const params: unknown[] = new Array(2 * 50);
    const totals = { sent: 0, changed: 0, created: 0 };
    // A run delivered again (never done by the app, possible by hand) keeps only its latest delivery.
    this.db.prepare('DELETE FROM delivery_history WHERE run_id = ?').run(runId);
    this.db.prepare('INSERT INTO delivery_history (run_id, complete, sent, changed, created, recorded_at) VALUES (?, 1, 0, 0, 0, ?)').run(runId, nowIso());
    const finish = (b: Pending): void => {
      this.insertBatch.run(runId, b.seq, b.count, b.data, b.entries.length, encodeStaged(b.entries), b.states);
      totals.sent += b.count;
      totals.changed += b.entries.length;
      totals.created += b.created;
    };
    const flushDone = (): void => {
      while (queue.length > 0 && queue[0]!.left === 0) finish(queue.shift()!);
    };
    return {
      batch: (seq, data) => {
        const count = stagedCountOf(data);
        queue.push({ seq, data, count, left: count, states: new Uint8Array(count), entries: [], created: 0 });
        flushDone();
      },
      beforeWrite: (args, n) => {
        // Only new and changed rows come back (a re-send of unchanged projects returns nothing).
        for (let i = 0; i < n; i++) {
          params[2 * i] = args[3 * i];
          params[2 * i + 1] = args[3 * i + 1];
        }
        const hits = this.changedRows(n).all(params.length === 2 * n ? params : params.slice(0, 2 * n)) as Array<[number, string | null]>;
        const changed: string[] = [];
        for (const [i, was] of hits) if (was !== null) changed.push(text(args[3 * i]));
        const packed = new Map<string, string>();
        if (changed.length > 0) for (const r of this.packedQuery.all(changed)) packed.set(r.project_id, r.packed);
        let at = 0;
        let next = 0;
        for (let i = 0; i < n; i++) {
          while (queue[at]!.left === 0) at++;
          const b = queue[at]!;
          const pos = b.count - b.left--;
          if (next >= hits.length || hits[next]![0] !== i) continue;
          const was = hits[next++]![1];
          if (was === null) {
            b.states[pos] = CREATED;
            b.created++;
            continue;
          }
          const id = text(args[3 * i]);
          const before = packed.get(id);
          if (before === undefined) continue;
          b.states[pos] = CHANGED;
          b.entries.push({ id, hash: was, packed: before });
        }
        flushDone();
      },
      end: () => {
        flushDone();
        if (queue.length > 0) throw new Error(`Delivery history: ${queue.length} batch(es) of run ${runId} were not written.`);
        this.db.prepare('UPDATE delivery_history SET sent = ?, changed = ?, created = ? WHERE run_id = ?')
          .run(totals.sent, totals.changed, totals.created, runId);
        this.prune(KEEP_HISTORY_RUNS);
      },
    };
  }

  /**
   * Which of n rows (id, hash as UTF-8 bytes or text) are new or changed, by position, with the
   * previous hash (null: new). The covering index answers it without reading packed values, and
   * the rows are bound as they are (no strings made for unchanged ones).
   */
  private changedRows(n: number): BetterSqlite3.Statement {
    let stmt = this.changedStmts.get(n);
    if (!stmt) {
      const values = Array.from({ length: n }, (_v, i) => `(${i}, CAST(? AS TEXT), CAST(? AS TEXT))`).join(', ');
      stmt = this.db.prepare(
        `WITH rows(i, id, h) AS (VALUES ${values})
         SELECT rows.i, d.hash FROM rows LEFT JOIN delivered d INDEXED BY delivered_hash ON d.project_id = rows.id
         WHERE d.hash IS NULL OR d.hash <> rows.h ORDER BY rows.i`,
      ).raw(true);
      this.changedStmts.set(n, stmt);
    }
    return stmt;
  }

  get(runId: number): DeliveryHistory | null {
    const r = this.db
      .prepare<[number], { run_id: number; complete: number; sent: number; changed: number; created: number; recorded_at: string }>(
        'SELECT * FROM delivery_history WHERE run_id = ?',
      )
      .get(runId);
    return r ? { runId: r.run_id, complete: r.complete === 1, sent: r.sent, changed: r.changed, created: r.created, recordedAt: r.recorded_at } : null;
  }

  /** A run's batches in delivery order, one read at a time (a big run holds hundreds of MB). */
  *batches(runId: number): Generator<HistoryBatch> {
    for (const { seq } of this.batchSeqs.all(runId)) yield this.batchRow.get(runId, seq)!;
  }

  /** Projects per batch, in order (to pick cards without reading the blobs). */
  counts(runId: number): Array<{ seq: number; count: number }> {
    return this.db.prepare<[number], { seq: number; count: number }>('SELECT seq, count FROM delivery_batches WHERE run_id = ? ORDER BY seq').all(runId);
  }

  batch(runId: number, seq: number): HistoryBatch | null {
    return this.batchRow.get(runId, seq) ?? null;
  }

  /** Keeps the history of the newest `keep` delivered runs that have one. Returns the runs pruned. */
  prune(keep: number = KEEP_HISTORY_RUNS): number[] {
    const ids = this.db
      .prepare<[number], { run_id: number }>('SELECT run_id FROM delivery_history ORDER BY run_id DESC LIMIT -1 OFFSET ?')
      .all(keep)
      .map((r) => r.run_id);
    const del = this.db.prepare('DELETE FROM delivery_history WHERE run_id = ?');
    for (const id of ids) del.run(id);
    return ids;
  }
}

export interface Recorder {
  batch(seq: number, data: Buffer): void;
  beforeWrite(args: readonly unknown[], n: number): void;
  end(): void;
}
