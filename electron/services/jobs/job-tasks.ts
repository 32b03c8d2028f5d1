/**
 * The worker's tasks: thin adapters from a job payload to the engine and publishing services.
 * Each opens its own database connection (WAL lets it write beside main) and closes it again.
 */
import type { JobContext } from '../../../shared/domain/job';
import type { ProjectSchema } from '../../../shared/domain/schema';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { SyncResult } from '../../../shared/ipc/types';
import { parseProfile } from '../../../shared/profile/profile-parse';
import { openDatabase, type AppDatabase } from '../db';
import { buildFeed } from '../engine/build';
import { previewChanges } from '../engine/diff';
import { validateFile } from '../engine/validate';
import { publishRun, type PublishReport } from '../publish/publish-run';
import { triggerNow } from '../publish/run-actions';
import { MemorySecretStore } from '../publish/secret-store';
import { loadSettings } from '../publish/settings';
import { withSyncLock } from '../publish/sync-lock';
import { cleanLocalLeftovers } from '../publish/leftovers';
import { resendNotes } from '../publish/resend-notes';
import { watchRunFaults } from './run-faults';
import type { JobEnv } from './job-protocol';
import type { InspectPayload, PreviewPayload, PublishPayload, SyncPayload, ValidatePayload } from './job-payloads';
import { inspectForApp } from '../app/inspect-source';
import type { TaskMap } from './worker-host';

export function withDb<T>(env: JobEnv, fn: (db: AppDatabase) => Promise<T>): Promise<T> {
  if (!env.dbPath) throw new Error('This job needs the history database.');
  const db = openDatabase(env.dbPath, env.nativeBinding ? { nativeBinding: env.nativeBinding } : {});
  return fn(db).finally(() => db.close());
}

/** The cached MiniCRM schema of the profile's (constant) category, when one was fetched. */
export function cachedSchema(db: AppDatabase, profile: ProfileV1): ProjectSchema | null {
  const cat = profile.project.CategoryId;
  const categoryId = typeof cat === 'object' && cat?.value ? cat.value : null;
  return categoryId ? (db.schemas.get<ProjectSchema>(categoryId)?.value ?? null) : null;
}

export function toSyncResult(db: AppDatabase, report: PublishReport): SyncResult {
  const run = db.runs.getRecord(report.runId);
  return {
    runId: report.runId,
    status: report.status,
    counts: run?.counts ?? { rows: 0, projects: 0, written: 0, unchanged: 0, rejected: 0, errors: 0, warnings: 0 },
    feedPath: run?.feedPath ?? null,
    syncStatus: report.syncStatus,
    syncBody: report.syncBody,
    problem: report.ok ? null : { code: report.code, message: report.message, params: report.params },
  };
}

async function validate(payload: unknown, ctx: JobContext, env: JobEnv) {
  const p = payload as ValidatePayload;
  const profile = parseProfile(p.profile);
  const schema = env.dbPath ? await withDb(env, async (db) => cachedSchema(db, profile)) : null;
  return validateFile(p.path, profile, {
    ...p.options, edits: p.edits ?? [], excludedRows: p.excludedRows ?? [], extraRows: p.extraRows ?? [], schema, keep: true,
  }, ctx);
}

async function publish(payload: unknown, ctx: JobContext, env: JobEnv): Promise<SyncResult> {
  const p = payload as PublishPayload;
  return withDb(env, async (db) => {
    const deps = { secrets: new MemorySecretStore(p.secrets), force: p.force === true };
    const lock = { systemId: loadSettings(db.settings).systemId, profileName: db.runs.getRecord(p.runId)?.profileName ?? null, holder: 'app' as const };
    return withSyncLock(db, lock, () => diskFull(db, async () => {
      const report = p.action === 'trigger-now' ? await triggerNow(db, p.runId, deps, ctx) : await publishRun(db, p.runId, deps, ctx);
      return toSyncResult(db, report);
    }, ctx, { feedDir: '', source: null, profileName: null }));
  });
}

async function preview(payload: unknown, ctx: JobContext, env: JobEnv) {
  const p = payload as PreviewPayload;
  const profile = parseProfile(p.profile);
  return withDb(env, async (db) => {
    const r = await previewChanges(db, p.path, profile, {
      ...p.options, edits: p.edits ?? [], excludedRows: p.excludedRows ?? [], extraRows: p.extraRows ?? [], schema: cachedSchema(db, profile),
    }, ctx);
    return r.preview;
  });
}

/** A full disk as its translated sentence; any other failure as it was (the runner codes it). */
function diskFull<T>(
  db: AppDatabase, work: (onRun: (id: number) => void, ctx: JobContext) => Promise<T>, ctx: JobContext,
  place: { feedDir: string; source: string | null; profileName: string | null },
): Promise<T> {
  const watch = watchRunFaults(db, ctx, place);
  return work(watch.onRun, watch.ctx).catch((e: unknown) => {
    throw watch.diskFull(e) ?? e;
  });
}

/** The Sync button: build the feed (recorded as a run), then upload it and trigger SyncFeed. */
async function sync(payload: unknown, ctx: JobContext, env: JobEnv): Promise<SyncResult> {
  const p = payload as SyncPayload;
  const profile = parseProfile(p.profile);
  return withDb(env, (db) => withSyncLock(db, { systemId: loadSettings(db.settings).systemId, profileName: profile.name, holder: 'app' }, async () => {
    await cleanLocalLeftovers(db, p.outDir);
    return diskFull(db, async (onRun, tracked) => {
      const built = await buildFeed(db, p.path, profile, {
        ...p.options, edits: p.edits ?? [], excludedRows: p.excludedRows ?? [], extraRows: p.extraRows ?? [], schema: cachedSchema(db, profile),
        mode: p.mode, outDir: p.outDir, onRun,
      }, tracked);
      if (built.status !== 'built') {
        return {
          runId: built.runId, status: built.status, counts: built.counts, feedPath: built.feedPath,
          syncStatus: null, syncBody: null, problem: { code: 'feed-not-written', message: built.reason ?? 'The feed was not written.' },
        };
      }
      const notes = built.counts.written > 0 ? resendNotes(db, built.runId) : [];
      const report = await publishRun(db, built.runId, { secrets: new MemorySecretStore(p.secrets) }, ctx);
      return { ...toSyncResult(db, report), ...(notes.length ? { notes } : {}) };
    }, ctx, { feedDir: p.outDir, source: p.path, profileName: profile.name });
  }));
}

/** The Source screen's first look at a file, off the main thread (see inspect-source.ts). */
async function inspect(payload: unknown, ctx: JobContext, env: JobEnv) {
  const p = payload as InspectPayload;
  return withDb(env, (db) => inspectForApp(db, p.path, p.options ?? {}, ctx));
}

export const jobTasks: TaskMap = { validate, preview, sync, publish, inspect };
