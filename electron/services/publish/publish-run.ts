import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { RunRecord, RunStatus } from '../../../shared/domain/run';
import type { AppDatabase } from '../db';
import type { SeenHostKey } from './host-key';
import { PublishError } from './publish-error';
import { checkSyncFeedBudget } from './rate-limit';
import { maskUrl, redact } from './redact';
import type { RetryOptions } from './retry';
import { allSecretValues, type SecretStore } from './secret-store';
import { joinUrl, loadSettings, requireSettings, type ConnectionSettings } from './settings';
import { triggerSyncFeed } from './syncfeed';
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
  /** Plain summary or the reason it failed (never a secret). */
  message: string;
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

function report(run: RunRecord, patch: Partial<PublishReport>): PublishReport {
  return {
    runId: run.id, ok: false, status: run.status, message: '', uploadTarget: run.uploadTarget, publicUrl: run.publicUrl,
    syncStatus: run.syncStatus, syncBody: run.syncBody, delivered: 0, hostKey: null, pinnedNow: false, warnings: [], retryAt: null,
    ...patch,
  };
}

function getRun(db: AppDatabase, runId: number): RunRecord {
  const run = db.runs.getRecord(runId);
  if (!run) throw new PublishError('not-publishable', `Run ${runId} does not exist.`);
  return run;
}

/** Why a run cannot be published (null: it can). A triggered run is never triggered again. */
export function publishBlocker(run: RunRecord): PublishError | null {
  if (run.syncedAt || run.status === 'delivered') {
    return new PublishError('already-triggered',
      `Run ${run.id} was already sent to MiniCRM${run.syncedAt ? ` (${run.syncedAt})` : ''}. Use "send again" to create a new run with the same feed.`);
  }
  if (!run.feedPath) return new PublishError('not-publishable', `Run ${run.id} has no feed to send.`);
  if (!['built', 'uploaded', 'failed', 'cancelled'].includes(run.status)) {
    return new PublishError('not-publishable', `Run ${run.id} is "${run.status}" and has no finished feed to send.`);
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
      return report(run, { message: e.message, warnings, retryAt: String(e.params.retryAt ?? '') || null });
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
  const publicUrl = joinUrl(settings.publicUrl, remoteName);
  let hostKey: SeenHostKey | null = null;
  let pinnedNow = false;

  if (needUpload) {
    const fail = (status: RunStatus, message: string): PublishReport => {
      db.runs.update(runId, { status, error: clean(message), finishedAt: nowIso(deps) });
      return report(getRun(db, runId), { message: clean(message), warnings });
    };
    if (!existsSync(feedPath)) return fail('failed', `The feed file is missing: ${feedPath}`);
    if (run.feedSize !== null && statSync(feedPath).size !== run.feedSize) {
      return fail('failed', `The feed file ${feedPath} changed since it was built (size differs); build it again.`);
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
      if (e instanceof CancelledError) return fail('cancelled', 'Upload cancelled; nothing was sent to MiniCRM.');
      if (e instanceof PublishError) {
        const r = fail('failed', `Upload failed: ${e.message}`);
        if (e.code === 'host-key-changed') return { ...r, hostKey: { algorithm: String(e.params.algorithm), fingerprint: String(e.params.fingerprint) } };
        return r;
      }
      throw e;
    }
    await deps.onStage?.('uploaded', runId);
  }
  if (ctx.signal.aborted) {
    // Uploaded but not triggered: stays `uploaded`, offered as "trigger now" / "discard".
    return report(getRun(db, runId), { message: 'Cancelled after the upload; MiniCRM was not asked to sync.', warnings, hostKey, pinnedNow });
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
    answer = await triggerSyncFeed(settings, deps.secrets, fileUrl, { timeoutMs: deps.syncTimeoutMs, signal: ctx.signal, now });
  } catch (e) {
    const message = e instanceof CancelledError
      ? 'Cancelled while waiting for MiniCRM. It may still process the feed: check it in MiniCRM before sending again.'
      : e instanceof PublishError ? e.message : String(e);
    db.runs.update(runId, { status: 'failed', error: clean(message), finishedAt: nowIso(deps) });
    return report(getRun(db, runId), { message: clean(message), warnings, hostKey, pinnedNow });
  }
  ctx.progress('triggering', 1, 1, 'batches');
  if (answer.ok) {
    const delivered = db.delivered.markDelivered(runId, { syncStatus: answer.status, syncBody: answer.body, syncedAt: claimedAt, error: null });
    await deps.onStage?.('done', runId);
    return report(getRun(db, runId), {
      ok: true, message: `${answer.message} ${delivered} project(s) are now recorded as delivered.`, delivered, warnings, hostKey, pinnedNow,
    });
  }
  db.runs.update(runId, { status: 'failed', syncStatus: answer.status, syncBody: answer.body, error: clean(answer.message), finishedAt: nowIso(deps) });
  return report(getRun(db, runId), { message: clean(answer.message), warnings, hostKey, pinnedNow, retryAt: answer.retryAt?.toISOString() ?? null });
}
