import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { CodedMessage, MessageCode, MessageParams } from '../../../shared/domain/message-codes';
import type { RunRecord, RunStatus } from '../../../shared/domain/run';
import type { AppDatabase } from '../db';
import type { SeenHostKey } from './host-key';
import { PublishError } from './publish-error';
import { checkSyncFeedBudget } from './rate-limit';
import { maskUrl, redact } from './redact';
import type { RetryOptions } from './retry';
import { allSecretValues, type SecretStore } from './secret-store';
import { isDirectUpload, joinUrl, loadSettings, requireSettings, type ConnectionSettings } from './settings';
import { triggerSyncFeed } from './syncfeed';
import { uploadToMinicrm } from './direct-upload';
import { uploadFeed } from './upload';

export interface PublishDeps {
  secrets: SecretStore;
  /** Defaults to the settings stored in the database. */
  settings?: ConnectionSettings;
  retry?: RetryOptions;
  uploadTimeoutMs?: number;
  /** How long to wait for MiniCRM's SyncFeed answer (it may download a large feed first). */
  syncTimeoutMs?: number;
  now?: () => Date;
  /** Each stage as it completes; `uploaded` is persisted before SyncFeed is asked. */
  onStage?: (stage: 'uploaded' | 'triggering' | 'done', runId: number) => void | Promise<void>;
  onMessage?: (message: string) => void;
}

export interface PublishReport {
  runId: number;
  ok: boolean;
  status: RunStatus;
  /** Plain English summary or the reason it failed (never a secret): CLI and logs. */
  message: string;
  /** The same as a code + params for the UI (params are redacted like the message). */
  code: MessageCode;
  params: MessageParams;
  uploadTarget: string | null;
  publicUrl: string | null;
  syncStatus: number | null;
  syncBody: string | null;
  /** Projects that became the delivered baseline. */
  delivered: number;
  hostKey: SeenHostKey | null;
  pinnedNow: boolean;
  warnings: string[];
  /** After a 429 / the local limit: when to try again (ISO). */
  retryAt: string | null;
}

const nowIso = (deps: PublishDeps) => (deps.now?.() ?? new Date()).toISOString();

function report(run: RunRecord, problem: CodedMessage, patch: Partial<PublishReport>): PublishReport {
  return {
    runId: run.id, ok: false, status: run.status, message: problem.message, code: problem.code, params: problem.params ?? {}, uploadTarget: run.uploadTarget, publicUrl: run.publicUrl,
    syncStatus: run.syncStatus, syncBody: run.syncBody, delivered: 0, hostKey: null, pinnedNow: false, warnings: [], retryAt: null,
    ...patch,
  };
}

function getRun(db: AppDatabase, runId: number): RunRecord {
  const run = db.runs.getRecord(runId);
  if (!run) throw new PublishError('run-not-found', `Run ${runId} does not exist.`, false, { id: runId });
  return run;
}

/** Why a run cannot be published (null: it can). A triggered run is never triggered again. */
export function publishBlocker(run: RunRecord): PublishError | null {
  if (run.syncedAt || run.status === 'delivered') {
    return new PublishError('already-triggered',
      `Run ${run.id} was already sent to MiniCRM${run.syncedAt ? ` (${run.syncedAt})` : ''}. Use "send again" to create a new run with the same feed.`,
      false, { id: run.id });
  }
  if (!run.feedPath) return new PublishError('run-no-feed', `Run ${run.id} has no feed to send.`, false, { id: run.id });
  if (!['built', 'uploaded', 'failed', 'cancelled'].includes(run.status)) {
    return new PublishError('run-not-publishable', `Run ${run.id} is "${run.status}" and has no finished feed to send.`, false, { id: run.id, runStatus: run.status });
  }
  return null;
}

/**
 * Upload a run's feed and trigger SyncFeed, exactly once. Crash-safe order: the upload is recorded
 * (`uploaded`) before MiniCRM is asked; the ask is recorded (syncedAt) before the request leaves,
 * so a run is never triggered twice; `delivered` (with the new baseline) only after a 200.
 */
export async function publishRun(db: AppDatabase, runId: number, deps: PublishDeps, ctx: JobContext): Promise<PublishReport> {
  let run = getRun(db, runId);
  const blocker = publishBlocker(run);
  if (blocker) throw blocker;
  const settings = deps.settings ?? loadSettings(db.settings);
  const needUpload = run.status !== 'uploaded';
  await requireSettings(settings, deps.secrets, { api: true, upload: needUpload, publicUrl: true });
  const secretValues = await allSecretValues(deps.secrets);
  const clean = (m: string) => redact(m, secretValues);
  // Params reach the history and the UI like the message, so they are masked the same way.
  const cleanProblem = (p: CodedMessage): CodedMessage => ({
    code: p.code, message: clean(p.message),
    params: Object.fromEntries(Object.entries(p.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v])),
  });
  const fromError = (e: PublishError, prefix = ''): CodedMessage => ({ code: e.code, message: `${prefix}${e.message}`, params: e.params });
  const warnings: string[] = [];
  const now = () => deps.now?.() ?? new Date();

  // Refuse before uploading: an upload that cannot be triggered only leaves work behind.
  // Calls older than two hours count towards no limit any more.
  db.apiCalls.prune(new Date(now().getTime() - 7_200_000));
  try {
    const w = checkSyncFeedBudget(db.apiCalls, now());
    if (w) {
      warnings.push(w);
      deps.onMessage?.(w);
    }
  } catch (e) {
    if (e instanceof PublishError) {
      return report(run, cleanProblem(fromError(e)), { warnings, retryAt: String(e.params.retryAt ?? '') || null });
    }
    throw e;
  }

  if (run.counts.written > 0 && db.runs.stagedCount(runId) === 0) {
    // Old runs' staged projects may have been pruned: MiniCRM still gets the feed, but the
    // baseline cannot advance, so the next changed-only sync sends these projects again (safe).
    warnings.push(`Run ${runId} no longer knows which projects its feed holds; after this sync they will be sent again next time.`);
  }

  const feedPath = run.feedPath!;
  const remoteName = basename(feedPath);
  // The direct upload (experimental) has no public address: the request carries the feed.
  const direct = isDirectUpload(settings);
  const publicUrl = direct ? null : joinUrl(settings.publicUrl, remoteName);
  let hostKey: SeenHostKey | null = null;
  let pinnedNow = false;

  if (needUpload) {
    const fail = (status: RunStatus, problem: CodedMessage): PublishReport => {
      const p = cleanProblem(problem);
      db.runs.update(runId, { status, problem: p, finishedAt: nowIso(deps) });
      return report(getRun(db, runId), p, { warnings });
    };
    if (!existsSync(feedPath)) return fail('failed', { code: 'feed-missing', message: `The feed file is missing: ${feedPath}`, params: { path: feedPath } });
    if (run.feedSize !== null && statSync(feedPath).size !== run.feedSize) {
      return fail('failed', {
        code: 'feed-changed', message: `The feed file ${feedPath} changed since it was built (size differs); build it again.`, params: { path: feedPath },
      });
    }
    try {
      const up = await uploadFeed(settings, deps.secrets, feedPath, remoteName, {
        hostKeys: db.hostKeys, retry: deps.retry, timeoutMs: deps.uploadTimeoutMs, onRetry: (m) => deps.onMessage?.(clean(m)),
      }, ctx);
      hostKey = up.hostKey;
      pinnedNow = up.pinnedNow;
      if (up.pinnedNow && up.hostKey) {
        warnings.push(`First connection to this SFTP server: its host key ${up.hostKey.algorithm} ${up.hostKey.fingerprint} is now trusted.`);
      }
      db.runs.update(runId, { status: 'uploaded', uploadTarget: maskUrl(up.target), uploadedAt: nowIso(deps), publicUrl, error: null });
    } catch (e) {
      if (e instanceof CancelledError) return fail('cancelled', { code: 'upload-cancelled', message: 'Upload cancelled; nothing was sent to MiniCRM.' });
      if (e instanceof PublishError) {
        const r = fail('failed', fromError(e, 'Upload failed: '));
        if (e.code === 'host-key-changed') return { ...r, hostKey: { algorithm: String(e.params.algorithm), fingerprint: String(e.params.fingerprint) } };
        return r;
      }
      throw e;
    }
    await deps.onStage?.('uploaded', runId);
  }
  if (ctx.signal.aborted) {
    // Uploaded but not triggered: stays `uploaded`, offered as "trigger now" / "discard".
    const problem: CodedMessage = { code: 'cancelled-after-upload', message: 'Cancelled after the upload; MiniCRM was not asked to sync.' };
    return report(getRun(db, runId), problem, { warnings, hostKey, pinnedNow });
  }

  // Claim the trigger atomically (another window or process may hold the same run).
  const claimedAt = nowIso(deps);
  db.db.transaction(() => {
    const current = getRun(db, runId);
    if (current.syncedAt) throw publishBlocker(current)!;
    db.runs.update(runId, { syncedAt: claimedAt, publicUrl: current.publicUrl ?? publicUrl });
    db.apiCalls.record('syncfeed', now());
  }).immediate();
  await deps.onStage?.('triggering', runId);
  ctx.progress('triggering', 0, 1, 'batches');
  run = getRun(db, runId);
  const fileUrl = run.publicUrl ?? publicUrl;
  let answer;
  try {
    answer = direct
      ? await uploadToMinicrm(settings, deps.secrets, feedPath, run.feedSize, ctx, { timeoutMs: deps.syncTimeoutMs, now })
      : await triggerSyncFeed(settings, deps.secrets, fileUrl!, { timeoutMs: deps.syncTimeoutMs, signal: ctx.signal, now });
  } catch (e) {
    const problem = cleanProblem(e instanceof CancelledError
      ? { code: 'cancelled-waiting-for-minicrm', message: 'Cancelled while waiting for MiniCRM. It may still process the feed: check it in MiniCRM before sending again.' }
      : e instanceof PublishError ? fromError(e) : { code: 'internal-error', message: String(e) });
    db.runs.update(runId, { status: 'failed', problem, finishedAt: nowIso(deps) });
    return report(getRun(db, runId), problem, { warnings, hostKey, pinnedNow });
  }
  ctx.progress('triggering', 1, 1, 'batches');
  if (answer.ok) {
    const delivered = db.delivered.markDelivered(runId, { syncStatus: answer.status, syncBody: answer.body, syncedAt: claimedAt, error: null });
    await deps.onStage?.('done', runId);
    const accepted: CodedMessage = { code: 'sync-accepted', message: `${answer.message} ${delivered} project(s) are now recorded as delivered.`, params: { delivered } };
    return report(getRun(db, runId), accepted, { ok: true, delivered, warnings, hostKey, pinnedNow });
  }
  const refused = cleanProblem({ code: answer.code, message: answer.message, params: answer.params });
  db.runs.update(runId, { status: 'failed', syncStatus: answer.status, syncBody: answer.body, problem: refused, finishedAt: nowIso(deps) });
  return report(getRun(db, runId), refused, { warnings, hostKey, pinnedNow, retryAt: answer.retryAt?.toISOString() ?? null });
}
