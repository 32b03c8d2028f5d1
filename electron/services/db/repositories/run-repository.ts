import type { RowIssue } from '../../../../shared/domain/issue';
import type { RunDetail, RunRecord, RunStatus } from '../../../../shared/domain/run';
import { encodeStaged, stagedCountOf, type StagedProject } from '../../delta/staged-codec';
import { currentProcess } from '../process-owner';
import { nowIso, type Db } from '../sql-util';
import { patchAssignments, toRunRecord, type RunPatch, type RunRow } from './run-mapping';
import { markInterruptedRuns, type RunOwner } from './run-recovery';

export type { RunPatch } from './run-mapping';
export type { StagedProject } from '../../delta/staged-codec';

export interface NewRun extends RunPatch {
  kind: RunRecord['kind'];
  /** Defaults to 'validated'; a run is "in progress" while finishedAt is null. */
  status?: RunStatus;
  startedAt?: string;
}

export interface RunFilter {
  /** Matched (case-insensitively, substring) against file, profile, error, MiniCRM's answer, feed path. */
  search?: string;
  status?: RunStatus;
  limit?: number;
  offset?: number;
}

/** RunDetail plus the exact number of issues (only the first `issueCap` are stored). */
export interface RunDetailWithTotals extends RunDetail {
  issuesTotal: number;
  issuesTruncated: boolean;
}

export const DEFAULT_ISSUE_CAP = 10_000;

export { INTERRUPTED_REASON, type RunOwner } from './run-recovery';

export class RunRepository {
  /**
   * Set by a scheduled run on its own connection: every run it creates (the build, a resend) is
   * marked as that schedule's, without the engine having to know about schedules.
   */
  scheduleId: number | null = null;
  private readonly insertIssue;
  private readonly insertBatch;
  private readonly batchSeqs;
  private readonly batchData;

  constructor(
    private readonly db: Db,
    readonly issueCap: number = DEFAULT_ISSUE_CAP,
  ) {
    this.insertIssue = db.prepare(
      `INSERT INTO run_issues (run_id, seq, row, column_name, field, value, severity, code, message, params_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The next seq of the run in the same statement: appending a batch is one atomic write.
    this.insertBatch = db.prepare(
      `INSERT INTO run_batches (run_id, seq, count, data)
       VALUES (@runId, (SELECT COALESCE(MAX(seq) + 1, 0) FROM run_batches WHERE run_id = @runId), @count, @data)`,
    );
    this.batchSeqs = db.prepare<[number], { seq: number }>('SELECT seq FROM run_batches WHERE run_id = ? ORDER BY seq');
    this.batchData = db.prepare<[number, number], { data: Buffer }>('SELECT data FROM run_batches WHERE run_id = ? AND seq = ?');
  }

  create(input: NewRun): number {
    const { kind, status = 'validated', startedAt = nowIso(), ...rest } = input;
    const me = currentProcess();
    const info = this.db
      .prepare('INSERT INTO runs (kind, status, started_at, owner_pid, owner_host, owner_started) VALUES (?, ?, ?, ?, ?, ?)')
      .run(kind, status, startedAt, me.pid, me.host, me.started);
    const id = Number(info.lastInsertRowid);
    this.update(id, this.scheduleId !== null && rest.scheduleId === undefined ? { ...rest, scheduleId: this.scheduleId } : rest);
    return id;
  }

  update(id: number, patch: RunPatch): void {
    const { sets, values } = patchAssignments(patch);
    if (sets.length === 0) return;
    const info = this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    if (info.changes === 0) throw new Error(`Run ${id} does not exist.`);
  }

  /**
   * A publisher takes a finished build over: the run is open again (finishedAt null, `status`
   * built or uploaded, an earlier attempt's reason cleared) and owned by this process, so if it dies
   * while uploading or waiting for MiniCRM the next opener says so.
   */
  claim(id: number, status: 'built' | 'uploaded'): void {
    const me = currentProcess();
    const info = this.db
      .prepare(
        `UPDATE runs SET status = ?, finished_at = NULL, error = NULL, error_code = NULL, error_params_json = NULL,
           owner_pid = ?, owner_host = ?, owner_started = ? WHERE id = ?`,
      )
      .run(status, me.pid, me.host, me.started, id);
    if (info.changes === 0) throw new Error(`Run ${id} does not exist.`);
  }

  /** Ends a run: status, finishedAt = now, plus any last fields (counts, feed, error …). */
  finish(id: number, status: RunStatus, patch: RunPatch = {}): void {
    this.update(id, { ...patch, status, finishedAt: patch.finishedAt ?? nowIso() });
  }

  getRecord(id: number): RunRecord | null {
    const row = this.db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?').get(id);
    return row ? toRunRecord(row) : null;
  }

  get(id: number): RunDetailWithTotals | null {
    const row = this.db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?').get(id);
    if (!row) return null;
    const issues = this.db
      .prepare<[number], IssueRow>('SELECT * FROM run_issues WHERE run_id = ? ORDER BY seq')
      .all(id)
      .map(toIssue);
    return {
      ...toRunRecord(row),
      profileJson: row.profile_json,
      issues,
      issuesTotal: row.issues_total,
      issuesTruncated: row.issues_total > issues.length,
    };
  }

  /** Newest first. */
  list(filter: RunFilter = {}): RunRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    const search = filter.search?.trim();
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const cols = ['source_name', 'source_path', 'profile_name', 'error', 'sync_body', 'feed_path', 'upload_target', 'CAST(id AS TEXT)'];
      where.push(`(${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      for (let i = 0; i < cols.length; i++) params.push(like);
    }
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ? OFFSET ?`;
    params.push(filter.limit ?? 1000, filter.offset ?? 0);
    return this.db.prepare<unknown[], RunRow>(sql).all(...params).map(toRunRecord);
  }

  /**
   * Records issues: the first `issueCap` of a run are stored, the total stays exact (`total`: how
   * many these stand for, when they are only the first of them). Returns how many were stored.
   */
  addIssues(runId: number, issues: readonly RowIssue[], total = issues.length): number {
    if (total === 0) return 0;
    return this.db.transaction(() => {
      const row = this.db.prepare<[number], { issues_total: number }>('SELECT issues_total FROM runs WHERE id = ?').get(runId);
      if (!row) throw new Error(`Run ${runId} does not exist.`);
      const room = Math.max(0, this.issueCap - row.issues_total);
      const kept = Math.min(room, issues.length);
      for (let i = 0; i < kept; i++) {
        const it = issues[i]!;
        this.insertIssue.run(
          runId, row.issues_total + i, it.row, it.column, it.field, it.value, it.severity, it.code, it.message,
          it.params ? JSON.stringify(it.params) : null,
        );
      }
      this.db.prepare('UPDATE runs SET issues_total = issues_total + ? WHERE id = ?').run(total, runId);
      return kept;
    }).immediate();
  }

  /** Stages a batch of the projects a run's feed holds, as one stored batch after the run's others. */
  stageProjects(runId: number, rows: readonly StagedProject[]): void {
    if (rows.length === 0) return;
    this.insertBatch.run({ runId, count: rows.length, data: encodeStaged(rows) });
  }

  /**
   * The same for a batch already encoded (StagedBatch: a build's reading thread encodes its
   * batches, so the writing thread only stores them). `count` must be the batch's project count.
   */
  stageEncoded(runId: number, count: number, data: Uint8Array): void {
    if (stagedCountOf(data) !== count) throw new Error(`Staged batch holds ${stagedCountOf(data)} projects, not ${count}.`);
    if (count === 0) return;
    this.insertBatch.run({ runId, count, data });
  }

  stagedCount(runId: number): number {
    return this.db.prepare<[number], { n: number }>('SELECT COALESCE(SUM(count), 0) AS n FROM run_batches WHERE run_id = ?').get(runId)!.n;
  }

  /**
   * A run's staged batches in staging order, one read at a time (a million-project run holds
   * hundreds of MB). Each seq is fetched on its own: a statement cannot write (markDelivered)
   * while another one is still iterating.
   */
  *stagedBatches(runId: number): Generator<Buffer> {
    for (const { seq } of this.batchSeqs.all(runId)) yield this.batchData.get(runId, seq)!.data;
  }

  /** "Send again": the new run carries the same staged projects as the run it re-sends. Returns how many. */
  copyStaged(fromRunId: number, toRunId: number): number {
    return this.db.transaction(() => {
      const next = this.db.prepare<[number], { n: number }>('SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM run_batches WHERE run_id = ?').get(toRunId)!.n;
      this.db
        .prepare('INSERT INTO run_batches (run_id, seq, count, data) SELECT ?, seq + ?, count, data FROM run_batches WHERE run_id = ? ORDER BY seq')
        .run(toRunId, next, fromRunId);
      return this.stagedCount(fromRunId);
    }).immediate();
  }

  /** Drops a run's staged projects (failed/cancelled runs: they can never be delivered). */
  clearStaged(runId: number): void {
    this.db.prepare('DELETE FROM run_batches WHERE run_id = ?').run(runId);
  }

  /**
   * Staged projects take room (a million-project run ~ 100–200 MB deflated, see staged-codec.ts).
   * Keeps them for the newest `keepRuns` runs that have any (enough for "send again" and
   * publishing a recent build) plus every run still in progress or uploaded but not yet confirmed
   * (trigger now must still be able to advance the baseline), and drops the rest: an old build that was never sent, too, since
   * repeated `build` runs would otherwise grow the database without end. Returns the runs pruned.
   */
  pruneStaged(keepRuns = 10): number[] {
    const ids = this.db
      .prepare<[number], { run_id: number }>(
        `SELECT DISTINCT rb.run_id FROM run_batches rb JOIN runs r ON r.id = rb.run_id
         WHERE r.status NOT IN ('uploaded', 'validated')
           AND rb.run_id NOT IN (SELECT DISTINCT run_id FROM run_batches ORDER BY run_id DESC LIMIT ?)`,
      )
      .all(keepRuns)
      .map((r) => r.run_id);
    this.db.transaction(() => {
      for (const id of ids) this.clearStaged(id);
    }).immediate();
    return ids;
  }

  /**
   * Runs still open whose process is gone become failed with how far they got (run-recovery.ts).
   * openDatabase calls it, so every opener (app, job thread, command line) does. Returns their ids.
   */
  markInterruptedOnStart(isAlive?: (owner: RunOwner) => boolean): number[] {
    return markInterruptedRuns(this.db, isAlive);
  }

  /** The mappings of the latest delivered runs, newest first: a file of the same layout is offered the one it fits. */
  deliveredProfiles(limit = 50): Array<{ runId: number; profileName: string | null; profileJson: string; finishedAt: string | null; sourceName: string | null }> {
    return this.db
      .prepare<[number], { id: number; profile_name: string | null; profile_json: string; finished_at: string | null; source_name: string | null }>(
        `SELECT id, profile_name, profile_json, finished_at, source_name FROM runs
         WHERE status = 'delivered' AND profile_json IS NOT NULL ORDER BY id DESC LIMIT ?`,
      )
      .all(limit)
      .map((r) => ({ runId: r.id, profileName: r.profile_name, profileJson: r.profile_json, finishedAt: r.finished_at, sourceName: r.source_name }));
  }

  /** The run that built this run's feed: "send again" runs lead back to it through resend_of. */
  feedRoot(id: number): number {
    const row = this.db.prepare<[number], { root: number | null }>(
      `WITH RECURSIVE chain(id, resend_of) AS (
         SELECT id, resend_of FROM runs WHERE id = ?
         UNION ALL SELECT r.id, r.resend_of FROM runs r JOIN chain c ON r.id = c.resend_of)
       SELECT MIN(id) AS root FROM chain`,
    ).get(id);
    return row?.root ?? id;
  }

  /**
   * Feed bytes per source byte of recent builds (the profile's own first): how big a feed of a
   * file will be, roughly, when a full disk stopped it before any of it was written. Null: none.
   */
  feedSizeRatio(profileName: string | null): number | null {
    const row = this.db.prepare<[string | null], { ratio: number | null }>(
      `SELECT CAST(feed_size AS REAL) / source_size AS ratio FROM runs
       WHERE feed_size > 0 AND source_size > 0 AND mode = 'full' AND status IN ('built', 'uploaded', 'delivered')
       ORDER BY profile_name IS ? DESC, id DESC LIMIT 1`,
    ).get(profileName);
    return row?.ratio ?? null;
  }

  /** How many runs of the history name this profile (each keeps its own copy of the mapping). */
  countForProfile(profileName: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM runs WHERE profile_name = ?').get(profileName)!.n;
  }

  /** The newest run MiniCRM confirmed (null: none yet). */
  newestDelivered(): number | null {
    return this.db.prepare<[], { id: number | null }>(`SELECT MAX(id) AS id FROM runs WHERE status = 'delivered'`).get()?.id ?? null;
  }

  /**
   * `.part` files runs may have left at upload targets (killed or cancelled mid-upload), except
   * those of runs being published right now. Each as `{ id, part }` (part: the masked location).
   */
  leftoverUploadParts(): Array<{ id: number; part: string }> {
    return this.db
      .prepare<[], { id: number; part: string }>('SELECT id, upload_part AS part FROM runs WHERE upload_part IS NOT NULL AND finished_at IS NOT NULL')
      .all();
  }

  /** Those parts are gone from their target now. */
  clearUploadParts(ids: readonly number[]): void {
    const clear = this.db.prepare('UPDATE runs SET upload_part = NULL WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) clear.run(id);
    }).immediate();
  }

  /**
   * Runs stopped between their upload and MiniCRM's answer (candidates: the publishing side
   * decides with awaitsTrigger / answerUnknown of shared/domain/run.ts).
   */
  listInterrupted(): RunRecord[] {
    return this.db
      .prepare<[], RunRow>(
        `SELECT * FROM runs WHERE uploaded_at IS NOT NULL AND sync_status IS NULL
           AND status IN ('uploaded', 'failed', 'cancelled') ORDER BY id DESC`,
      )
      .all()
      .map(toRunRecord);
  }
}

interface IssueRow {
  row: number;
  column_name: string;
  field: string;
  value: string;
  severity: RowIssue['severity'];
  code: RowIssue['code'];
  message: string;
  params_json: string | null;
}

function toIssue(r: IssueRow): RowIssue {
  const issue: RowIssue = {
    row: r.row, column: r.column_name, field: r.field, value: r.value, severity: r.severity, code: r.code, message: r.message,
  };
  if (r.params_json) issue.params = JSON.parse(r.params_json) as Record<string, string | number>;
  return issue;
}
