import { isMessageCode, type CodedMessage, type MessageParams } from '../../../../shared/domain/message-codes';
import type { RunCounts, RunRecord, RunStatus } from '../../../../shared/domain/run';

/** A `runs` row as SQLite returns it. */
export interface RunRow {
  id: number;
  kind: RunRecord['kind'];
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  source_name: string | null;
  source_path: string | null;
  source_size: number | null;
  source_sha256: string | null;
  sheet: string | null;
  profile_name: string | null;
  profile_json: string | null;
  mode: RunRecord['mode'];
  count_rows: number;
  count_projects: number;
  count_written: number;
  count_unchanged: number;
  count_rejected: number;
  count_errors: number;
  count_warnings: number;
  issues_total: number;
  feed_path: string | null;
  feed_size: number | null;
  feed_sha256: string | null;
  upload_target: string | null;
  uploaded_at: string | null;
  public_url: string | null;
  sync_status: number | null;
  sync_body: string | null;
  synced_at: string | null;
  error: string | null;
  error_code: string | null;
  error_params_json: string | null;
  resend_of: number | null;
  owner_pid: number | null;
  schedule_id: number | null;
}

/** Everything of a run a caller may set after creation (counts merge field by field). */
export interface RunPatch {
  status?: RunStatus;
  finishedAt?: string | null;
  sourceName?: string | null;
  sourcePath?: string | null;
  sourceSize?: number | null;
  sourceSha256?: string | null;
  sheet?: string | null;
  profileName?: string | null;
  profileJson?: string | null;
  mode?: RunRecord['mode'];
  counts?: Partial<RunCounts>;
  feedPath?: string | null;
  feedSize?: number | null;
  feedSha256?: string | null;
  uploadTarget?: string | null;
  uploadedAt?: string | null;
  publicUrl?: string | null;
  syncStatus?: number | null;
  syncBody?: string | null;
  syncedAt?: string | null;
  /** English text only: clears any code (an old-style reason, or null when the run succeeds). */
  error?: string | null;
  /** The reason with its code + params (sets `error` to its English message). */
  problem?: CodedMessage | null;
  resendOf?: number | null;
  scheduleId?: number | null;
}

export const PATCH_COLUMNS: Record<Exclude<keyof RunPatch, 'counts' | 'problem' | 'error'>, string> = {
  status: 'status',
  finishedAt: 'finished_at',
  sourceName: 'source_name',
  sourcePath: 'source_path',
  sourceSize: 'source_size',
  sourceSha256: 'source_sha256',
  sheet: 'sheet',
  profileName: 'profile_name',
  profileJson: 'profile_json',
  mode: 'mode',
  feedPath: 'feed_path',
  feedSize: 'feed_size',
  feedSha256: 'feed_sha256',
  uploadTarget: 'upload_target',
  uploadedAt: 'uploaded_at',
  publicUrl: 'public_url',
  syncStatus: 'sync_status',
  syncBody: 'sync_body',
  syncedAt: 'synced_at',
  resendOf: 'resend_of',
  scheduleId: 'schedule_id',
};

export const COUNT_COLUMNS: Record<keyof RunCounts, string> = {
  rows: 'count_rows',
  projects: 'count_projects',
  written: 'count_written',
  unchanged: 'count_unchanged',
  rejected: 'count_rejected',
  errors: 'count_errors',
  warnings: 'count_warnings',
};

export function toRunRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    sourceName: r.source_name,
    sourcePath: r.source_path,
    sourceSize: r.source_size,
    sourceSha256: r.source_sha256,
    sheet: r.sheet,
    profileName: r.profile_name,
    mode: r.mode,
    counts: {
      rows: r.count_rows,
      projects: r.count_projects,
      written: r.count_written,
      unchanged: r.count_unchanged,
      rejected: r.count_rejected,
      errors: r.count_errors,
      warnings: r.count_warnings,
    },
    feedPath: r.feed_path,
    feedSize: r.feed_size,
    feedSha256: r.feed_sha256,
    uploadTarget: r.upload_target,
    uploadedAt: r.uploaded_at,
    publicUrl: r.public_url,
    syncStatus: r.sync_status,
    syncBody: r.sync_body,
    syncedAt: r.synced_at,
    error: r.error,
    errorCode: isMessageCode(r.error_code) ? r.error_code : null,
    errorParams: r.error_params_json ? (JSON.parse(r.error_params_json) as MessageParams) : null,
    resendOf: r.resend_of,
    scheduleId: r.schedule_id ?? null,
  };
}

/** Column assignments + values for an UPDATE from a patch; only keys present in the patch. */
export function patchAssignments(patch: RunPatch): { sets: string[]; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
    const v = patch[key as keyof typeof PATCH_COLUMNS];
    if (v === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(v);
  }
  // The English text and its code always change together, so a code never outlives its reason.
  const problem = patch.problem !== undefined ? patch.problem : patch.error !== undefined ? { text: patch.error } : undefined;
  if (problem !== undefined) {
    const coded = problem && 'code' in problem ? problem : null;
    const text = problem && 'text' in problem ? problem.text : null;
    const params = coded?.params && Object.keys(coded.params).length > 0 ? JSON.stringify(coded.params) : null;
    sets.push('error = ?', 'error_code = ?', 'error_params_json = ?');
    values.push(coded ? coded.message : text, coded?.code ?? null, params);
  }
  for (const [key, column] of Object.entries(COUNT_COLUMNS)) {
    const v = patch.counts?.[key as keyof RunCounts];
    if (v === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(v);
  }
  return { sets, values };
}
