import { nowIso, type Db } from '../sql-util';

/** MiniCRM schema answers per category, with their age. */
export class SchemaCacheRepository {
  constructor(private readonly db: Db) {}

  get<T = unknown>(categoryId: string): { value: T; fetchedAt: string } | null {
    const r = this.db
      .prepare<[string], { json: string; fetched_at: string }>('SELECT json, fetched_at FROM schema_cache WHERE category_id = ?')
      .get(categoryId);
    return r ? { value: JSON.parse(r.json) as T, fetchedAt: r.fetched_at } : null;
  }

  set(categoryId: string, value: unknown, fetchedAt: string = nowIso()): void {
    this.db
      .prepare(
        `INSERT INTO schema_cache (category_id, json, fetched_at) VALUES (?, ?, ?)
         ON CONFLICT(category_id) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at`,
      )
      .run(categoryId, JSON.stringify(value), fetchedAt);
  }

  delete(categoryId: string): void {
    this.db.prepare('DELETE FROM schema_cache WHERE category_id = ?').run(categoryId);
  }
}

export interface HostKey {
  host: string;
  port: number;
  algorithm: string;
  fingerprint: string;
  acceptedAt: string;
}

/** SFTP host keys pinned on first use, one per host:port. */
export class HostKeyRepository {
  constructor(private readonly db: Db) {}

  get(host: string, port: number): HostKey | null {
    const r = this.db
      .prepare<[string, number], { host: string; port: number; algorithm: string; fingerprint: string; accepted_at: string }>(
        'SELECT * FROM host_keys WHERE host = ? AND port = ?',
      )
      .get(host, port);
    return r ? { host: r.host, port: r.port, algorithm: r.algorithm, fingerprint: r.fingerprint, acceptedAt: r.accepted_at } : null;
  }

  /** Pins (or, after the user accepted a changed key, re-pins) a host's key. */
  accept(host: string, port: number, algorithm: string, fingerprint: string): void {
    this.db
      .prepare(
        `INSERT INTO host_keys (host, port, algorithm, fingerprint, accepted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(host, port) DO UPDATE SET algorithm = excluded.algorithm, fingerprint = excluded.fingerprint, accepted_at = excluded.accepted_at`,
      )
      .run(host, port, algorithm, fingerprint, nowIso());
  }

  forget(host: string, port: number): void {
    this.db.prepare('DELETE FROM host_keys WHERE host = ? AND port = ?').run(host, port);
  }
}

export interface ReferenceBatch {
  id: number;
  runId: number;
  batchNo: number;
  count: number;
  httpStatus: number | null;
  body: string | null;
  createdAt: string;
}

/** The result of each SetReferenceId batch of a `refs` run. */
export class ReferenceBatchRepository {
  constructor(private readonly db: Db) {}

  add(runId: number, batchNo: number, count: number, httpStatus: number | null, body: string | null): number {
    return Number(
      this.db
        .prepare('INSERT INTO reference_batches (run_id, batch_no, count, http_status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(runId, batchNo, count, httpStatus, body, nowIso()).lastInsertRowid,
    );
  }

  list(runId: number): ReferenceBatch[] {
    return this.db
      .prepare<[number], { id: number; run_id: number; batch_no: number; count: number; http_status: number | null; body: string | null; created_at: string }>(
        'SELECT * FROM reference_batches WHERE run_id = ? ORDER BY batch_no, id',
      )
      .all(runId)
      .map((r) => ({ id: r.id, runId: r.run_id, batchNo: r.batch_no, count: r.count, httpStatus: r.http_status, body: r.body, createdAt: r.created_at }));
  }
}

export type ApiCallKind = 'syncfeed' | 'r3';

/** Requests MiniCRM rate-limits, counted from here (180 SyncFeed/hour, 60 R3/minute). */
export class ApiCallRepository {
  constructor(private readonly db: Db) {}

  record(kind: ApiCallKind, at: Date = new Date()): void {
    this.db.prepare('INSERT INTO api_calls (kind, at) VALUES (?, ?)').run(kind, at.toISOString());
  }

  /** Calls of `kind` at or after `since`. */
  countSince(kind: ApiCallKind, since: Date): number {
    return this.db
      .prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM api_calls WHERE kind = ? AND at >= ?')
      .get(kind, since.toISOString())!.n;
  }

  /** Oldest call of `kind` at or after `since` (when the window frees up again). */
  oldestSince(kind: ApiCallKind, since: Date): Date | null {
    const r = this.db
      .prepare<[string, string], { at: string | null }>('SELECT MIN(at) AS at FROM api_calls WHERE kind = ? AND at >= ?')
      .get(kind, since.toISOString());
    return r?.at ? new Date(r.at) : null;
  }

  /**
   * Records a call at `at` only if fewer than `limit` calls of `kind` were made since `since`; the
   * count and the record are one write transaction, so the app, its workers and the CLI sharing the
   * database can never together go over the limit.
   */
  tryClaim(kind: ApiCallKind, limit: number, since: Date, at: Date): boolean {
    return this.db.transaction(() => {
      if (this.countSince(kind, since) >= limit) return false;
      this.record(kind, at);
      return true;
    }).immediate();
  }

  /** Drops calls older than `before` (they no longer count towards any limit). */
  prune(before: Date): void {
    this.db.prepare('DELETE FROM api_calls WHERE at < ?').run(before.toISOString());
  }
}
