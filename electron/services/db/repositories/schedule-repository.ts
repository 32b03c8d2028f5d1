import { FAILED_OUTCOMES, type Schedule, type ScheduleAttention, type ScheduleInput, type ScheduleOutcome, type ScheduleRunRecord } from '../../../../shared/domain/schedule';
import { isMessageCode, type CodedMessage, type MessageParams } from '../../../../shared/domain/message-codes';
import { nowIso, type Db } from '../sql-util';

interface ScheduleRow {
  id: number;
  name: string;
  profile_id: number;
  source_json: string;
  when_json: string;
  mode: Schedule['mode'];
  enabled: number;
  created_at: string;
  updated_at: string;
}

interface ScheduleRunRow {
  id: number;
  schedule_id: number;
  started_at: string;
  finished_at: string | null;
  outcome: ScheduleOutcome;
  run_id: number | null;
  source_path: string | null;
  source_size: number | null;
  source_mtime_ms: number | null;
  source_sha256: string | null;
  profile_updated_at: string | null;
  error: string | null;
  error_code: string | null;
  error_params_json: string | null;
  seen_at: string | null;
}

const toSchedule = (r: ScheduleRow): Schedule => ({
  id: r.id, name: r.name, profileId: r.profile_id, source: JSON.parse(r.source_json) as Schedule['source'],
  when: JSON.parse(r.when_json) as Schedule['when'], mode: r.mode, enabled: r.enabled === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** A scheduled run that did not finish: killed (found at the next open) or stopped by a signal. */
export const INTERRUPTED_MESSAGE = 'This automatic sync was stopped before it finished (the computer shut down or its process was ended). The next run tries again.';

const toRun = (r: ScheduleRunRow): ScheduleRunRecord => ({
  id: r.id, scheduleId: r.schedule_id, startedAt: r.started_at, finishedAt: r.finished_at, outcome: r.outcome, runId: r.run_id,
  sourcePath: r.source_path, message: r.error, code: isMessageCode(r.error_code) ? r.error_code : null,
  params: r.error_params_json ? (JSON.parse(r.error_params_json) as MessageParams) : null, seenAt: r.seen_at,
});

/** The file a finished run took, to tell whether the next one has anything new to read. */
export interface SourceFingerprint {
  path: string;
  size: number;
  mtimeMs: number;
  /** Its content's hash, when known (a re-export of the very same bytes is no change). */
  sha256: string | null;
  /** The profile's updatedAt: an edited mapping makes the same file worth reading again. */
  profileUpdatedAt: string;
}

export interface ScheduleRunFinish {
  outcome: Exclude<ScheduleOutcome, 'running'>;
  runId?: number | null;
  problem?: CodedMessage | null;
  source?: SourceFingerprint | null;
}

const FAILED_SQL = FAILED_OUTCOMES.map((o) => `'${o}'`).join(', ');

/** Automatic syncs and what each of their runs did (see migration 008). */
export class ScheduleRepository {
  constructor(private readonly db: Db) {}

  create(input: ScheduleInput): number {
    const at = nowIso();
    const info = this.db
      .prepare('INSERT INTO schedules (name, profile_id, source_json, when_json, mode, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(input.name, input.profileId, JSON.stringify(input.source), JSON.stringify(input.when), input.mode, input.enabled ? 1 : 0, at, at);
    return Number(info.lastInsertRowid);
  }

  update(id: number, input: ScheduleInput): void {
    const info = this.db
      .prepare('UPDATE schedules SET name = ?, profile_id = ?, source_json = ?, when_json = ?, mode = ?, enabled = ?, updated_at = ? WHERE id = ?')
      .run(input.name, input.profileId, JSON.stringify(input.source), JSON.stringify(input.when), input.mode, input.enabled ? 1 : 0, nowIso(), id);
    if (info.changes === 0) throw new Error(`Schedule ${id} does not exist.`);
  }

  get(id: number): Schedule | null {
    const r = this.db.prepare<[number], ScheduleRow>('SELECT * FROM schedules WHERE id = ?').get(id);
    return r ? toSchedule(r) : null;
  }

  list(): Schedule[] {
    return this.db.prepare<[], ScheduleRow>('SELECT * FROM schedules ORDER BY id').all().map(toSchedule);
  }

  /** Removes the schedule and its run records (the history's runs keep their "scheduled" mark). */
  delete(id: number): void {
    this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id);
  }

  /** A run has started (outcome `running` until finishRun). */
  startRun(scheduleId: number): number {
    const info = this.db
      .prepare("INSERT INTO schedule_runs (schedule_id, started_at, outcome, owner_pid) VALUES (?, ?, 'running', ?)")
      .run(scheduleId, nowIso(), process.pid);
    return Number(info.lastInsertRowid);
  }

  /**
   * Runs left `running` by a process that is gone (the computer shut down, the process was killed)
   * become failed, linked to the history's run they had started (whose own recovery says how far it
   * got). Called wherever the database is opened, as for the history's runs. Returns their ids.
   */
  markInterrupted(isAlive: (pid: number) => boolean): number[] {
    const stale = this.db
      .prepare<[], { id: number; schedule_id: number; started_at: string; owner_pid: number | null }>(
        "SELECT id, schedule_id, started_at, owner_pid FROM schedule_runs WHERE outcome = 'running'",
      )
      .all()
      // Our own pid is this process's run (a second connection of it), never a dead one.
      .filter((r) => r.owner_pid === null || (r.owner_pid !== process.pid && !isAlive(r.owner_pid)));
    if (stale.length === 0) return [];
    const runOf = this.db.prepare<[number, string], { id: number }>('SELECT id FROM runs WHERE schedule_id = ? AND started_at >= ? ORDER BY id LIMIT 1');
    const fail = this.db.prepare(
      "UPDATE schedule_runs SET finished_at = ?, outcome = 'failed', run_id = ?, error = ?, error_code = 'schedule-interrupted' WHERE id = ? AND outcome = 'running'",
    );
    const message = INTERRUPTED_MESSAGE;
    const at = nowIso();
    return this.db.transaction(() => stale.filter((r) => fail.run(at, runOf.get(r.schedule_id, r.started_at)?.id ?? null, message, r.id).changes > 0).map((r) => r.id)).immediate();
  }

  finishRun(id: number, f: ScheduleRunFinish): void {
    const p = f.problem ?? null;
    const params = p?.params && Object.keys(p.params).length > 0 ? JSON.stringify(p.params) : null;
    this.db
      .prepare(
        `UPDATE schedule_runs SET finished_at = ?, outcome = ?, run_id = ?, source_path = ?, source_size = ?, source_mtime_ms = ?,
           source_sha256 = ?, profile_updated_at = ?, error = ?, error_code = ?, error_params_json = ? WHERE id = ?`,
      )
      .run(nowIso(), f.outcome, f.runId ?? null, f.source?.path ?? null, f.source?.size ?? null, f.source?.mtimeMs ?? null,
        f.source?.sha256 ?? null, f.source?.profileUpdatedAt ?? null, p?.message ?? null, p?.code ?? null, params, id);
  }

  getRun(id: number): ScheduleRunRecord | null {
    const r = this.db.prepare<[number], ScheduleRunRow>('SELECT * FROM schedule_runs WHERE id = ?').get(id);
    return r ? toRun(r) : null;
  }

  lastRun(scheduleId: number): ScheduleRunRecord | null {
    const r = this.db.prepare<[number], ScheduleRunRow>('SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT 1').get(scheduleId);
    return r ? toRun(r) : null;
  }

  runs(scheduleId: number, limit = 20): ScheduleRunRecord[] {
    return this.db
      .prepare<[number, number], ScheduleRunRow>('SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT ?')
      .all(scheduleId, limit)
      .map(toRun);
  }

  /**
   * The file the newest run that read everything (sent, or found nothing changed) took, and when
   * that run finished; null when there is none.
   */
  lastComplete(scheduleId: number): { source: SourceFingerprint; finishedAt: string } | null {
    const r = this.db
      .prepare<[number], ScheduleRunRow>(
        `SELECT * FROM schedule_runs WHERE schedule_id = ? AND outcome IN ('delivered', 'nothing-changed', 'file-unchanged')
           AND source_path IS NOT NULL ORDER BY id DESC LIMIT 1`,
      )
      .get(scheduleId);
    if (!r || r.source_size === null || r.source_mtime_ms === null || r.profile_updated_at === null || !r.finished_at) return null;
    return {
      source: { path: r.source_path!, size: r.source_size, mtimeMs: r.source_mtime_ms, sha256: r.source_sha256, profileUpdatedAt: r.profile_updated_at },
      finishedAt: r.finished_at,
    };
  }

  /** Whether any run was delivered after `since` (MiniCRM's baseline moved: the same file may differ from it now). */
  deliveredSince(since: string): boolean {
    return this.db.prepare("SELECT 1 FROM runs WHERE status = 'delivered' AND synced_at > ? LIMIT 1").get(since) !== undefined;
  }

  /**
   * Scheduled runs that failed, left rows out or sent projects again (an earlier sync's answer was
   * not recorded), not yet dismissed in the app, newest first, with their schedule's name and the
   * rows their build rejected.
   */
  attention(limit = 20): ScheduleAttention[] {
    return this.db
        .prepare<[number], ScheduleRunRow & { schedule_name: string; rejected: number | null; sync_body: string | null }>(
        `SELECT sr.*, s.name AS schedule_name, r.count_rejected AS rejected, r.sync_body AS sync_body
           FROM schedule_runs sr JOIN schedules s ON s.id = sr.schedule_id LEFT JOIN runs r ON r.id = sr.run_id
          WHERE sr.seen_at IS NULL AND (sr.outcome IN (${FAILED_SQL}) OR (sr.outcome = 'delivered' AND (r.count_rejected > 0 OR json_extract(sr.error_params_json, '$.resent') > 0)))
          ORDER BY sr.id DESC LIMIT ?`,
      )
      .all(limit)
      .map((r) => ({ run: toRun(r), scheduleName: r.schedule_name, rejected: r.rejected ?? 0, syncBody: r.outcome === 'failed' ? r.sync_body : null }));
  }

  markSeen(ids: readonly number[]): void {
    const stmt = this.db.prepare('UPDATE schedule_runs SET seen_at = ? WHERE id = ? AND seen_at IS NULL');
    const at = nowIso();
    this.db.transaction(() => {
      for (const id of ids) stmt.run(at, id);
    }).immediate();
  }
}
