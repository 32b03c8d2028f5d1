/**
 * One run of an automatic sync, as the operating system starts it (`schedule run <id>`): pick the
 * file, skip when there is nothing new to read, when another sync holds the lock or MiniCRM's
 * hourly limit is used up; otherwise build only what changed and send it the way the Sync button
 * does. Every start leaves a schedule_runs row (the app's "last ran" and the failure it shows at
 * the next start); runs it makes are marked in the history as this schedule's.
 */
import { unlinkSync } from 'node:fs';
import { UnusableInputError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { isMessageCode, type CodedMessage } from '../../../shared/domain/message-codes';
import type { ScheduleOutcome, ScheduleRunRecord } from '../../../shared/domain/schedule';
import { toIpcError } from '../../../shared/ipc/ipc-error';
import { parseProfileText } from '../../../shared/profile/profile-parse';
import type { AppDatabase } from '../db';
import { INTERRUPTED_MESSAGE, type SourceFingerprint } from '../db/repositories/schedule-repository';
import { buildFeed, type BuildReport } from '../engine/build';
import { cachedSchema } from '../jobs/job-tasks';
import { PublishError } from '../publish/publish-error';
import { publishRun, type PublishReport } from '../publish/publish-run';
import { checkSyncFeedBudget } from '../publish/rate-limit';
import { cleanLocalLeftovers, removedNote } from '../publish/leftovers';
import { resendNotes } from '../publish/resend-notes';
import { watchRunFaults, type RunFaultWatch } from '../jobs/run-faults';
import type { SecretStore } from '../publish/secret-store';
import { loadSettings, requireSettings } from '../publish/settings';
import { acquireSyncLock, type SyncLock } from '../publish/sync-lock';
import { sha256File } from '../engine/run-records';
import { findSource, settled, type SettleOptions } from './source-pick';

export interface ScheduledRunDeps {
  secrets: SecretStore;
  /** Where feeds are written (the app's feeds folder beside its database). */
  feedsDir: string;
  settle?: SettleOptions;
  now?: () => Date;
  /** Notes for the terminal (rate-limit warnings, retries). */
  onMessage?: (m: string) => void;
}

export interface ScheduledRunResult {
  record: ScheduleRunRecord;
  build: BuildReport | null;
  publish: PublishReport | null;
  /** Projects sent again because an earlier run's SyncFeed answer was never recorded (resendNotes). */
  notes: CodedMessage[];
  /** Feed temp files of earlier, interrupted runs removed before this one was built. */
  removed: string[];
}

/** A failure as a coded message: codes written for users keep theirs, anything else is internal. */
function problemOf(e: unknown): CodedMessage {
  const { code, params } = toIpcError(e);
  const message = e instanceof Error ? e.message : String(e);
  return { code: isMessageCode(code) ? code : 'internal-error', message, ...(params ? { params } : {}) };
}

export async function runScheduledSync(db: AppDatabase, scheduleId: number, deps: ScheduledRunDeps, ctx: JobContext): Promise<ScheduledRunResult> {
  const schedule = db.schedules.get(scheduleId);
  if (!schedule) throw new UnusableInputError('schedule-not-found', `There is no automatic sync #${scheduleId}.`, { id: scheduleId });
  const recordId = db.schedules.startRun(scheduleId);
  let build: BuildReport | null = null;
  let publish: PublishReport | null = null;
  let source: SourceFingerprint | null = null;
  let lock: SyncLock | null = null;
  let faults: RunFaultWatch | null = null;
  let notes: CodedMessage[] = [];
  let removed: string[] = [];
  const end = (outcome: Exclude<ScheduleOutcome, 'running'>, problem: CodedMessage | null): ScheduledRunResult => {
    // Stopped by a shutdown or a signal (`schedule run` turns them into a cancel): nobody cancelled it.
    if (outcome === 'failed' && ctx.signal.aborted) problem = { code: 'schedule-interrupted', message: INTERRUPTED_MESSAGE };
    // The build hashed the file as it read it: that is the content this run saw.
    if (source && build) source.sha256 = db.runs.getRecord(build.runId)?.sourceSha256 ?? null;
    db.schedules.finishRun(recordId, { outcome, problem, source, runId: publish?.runId ?? build?.runId ?? faults?.runId ?? null });
    return { record: db.schedules.getRun(recordId)!, build, publish, notes, removed };
  };
  // Every run this connection makes while the schedule runs is marked as the schedule's.
  db.runs.scheduleId = scheduleId;
  try {
    const stored = db.profiles.get(schedule.profileId);
    if (!stored) {
      return end('failed', { code: 'schedule-profile-missing', message: `The profile of the automatic sync "${schedule.name}" was deleted; choose another profile for it in the app.` });
    }
    const profile = parseProfileText(stored.json);
    const settings = loadSettings(db.settings);
    await requireSettings(settings, deps.secrets, { api: true, upload: true, publicUrl: true });

    const found = findSource(schedule.source);
    if ('missing' in found) return end('no-file', found.missing);
    const file = await settled(found.file, deps.settle);
    source = { path: file.path, size: file.size, mtimeMs: file.mtimeMs, sha256: null, profileUpdatedAt: stored.updatedAt };

    // The file the last complete run read, unchanged, with the same mapping and no delivery since
    // (which could have moved MiniCRM's state away from it): reading it again cannot send anything.
    // An export written again with the same bytes (a new time, the same content) is no change either.
    const last = db.schedules.lastComplete(scheduleId);
    if (last && last.source.path === source.path && last.source.size === source.size
      && last.source.profileUpdatedAt === source.profileUpdatedAt && !db.schedules.deliveredSince(last.finishedAt)
      && (last.source.mtimeMs === source.mtimeMs || (last.source.sha256 !== null && (await sha256File(file.path)) === last.source.sha256))) {
      source.sha256 = last.source.sha256;
      const name = file.path.split(/[\\/]/).pop() ?? file.path;
      return end('file-unchanged', { code: 'schedule-file-unchanged', message: `The file ${name} has not changed since the last run; nothing to do.`, params: { file: name } });
    }

    const now = deps.now?.() ?? new Date();
    try {
      const warning = checkSyncFeedBudget(db.apiCalls, now);
      if (warning) deps.onMessage?.(warning);
    } catch (e) {
      if (e instanceof PublishError) return end('rate-limited', problemOf(e));
      throw e;
    }
    try {
      lock = acquireSyncLock(db, { systemId: settings.systemId, profileName: profile.name, holder: 'schedule' });
    } catch (e) {
      if (e instanceof PublishError && e.code === 'sync-busy') return end('skipped-locked', { code: 'schedule-locked', message: `Skipped: ${e.message}`, params: e.params });
      throw e;
    }

    // As every sync: what earlier runs killed mid-write left in the feeds folder goes first (the
    // target's leftovers go in publishRun), and a full disk is said plainly with how much to free.
    removed = await cleanLocalLeftovers(db, deps.feedsDir);
    const cleaned = removedNote(removed);
    if (cleaned) deps.onMessage?.(cleaned);
    faults = watchRunFaults(db, ctx, { feedDir: deps.feedsDir, source: file.path, profileName: profile.name });
    build = await buildFeed(db, file.path, profile, { mode: schedule.mode, outDir: deps.feedsDir, schema: cachedSchema(db, profile), onRun: faults.onRun }, faults.ctx);
    if (build.status !== 'built') return end('failed', { code: 'feed-not-written', message: build.reason ?? 'The feed was not written.' });
    const { new: added, changed } = build.preview.counts;
    if (build.counts.written === 0 || added + changed === 0) {
      // Sending it would spend one of MiniCRM's 180 hourly syncs to change nothing.
      if (build.counts.written === 0 && build.feedPath) {
        try {
          unlinkSync(build.feedPath);
          db.runs.update(build.runId, { feedPath: null, feedSize: null, feedSha256: null });
        } catch {
          // An empty feed left behind is harmless.
        }
      }
      return end('nothing-changed', { code: 'schedule-nothing-changed', message: 'Nothing changed since the last sync, so MiniCRM was not asked.' });
    }
    notes = resendNotes(db, build.runId);
    for (const note of notes) deps.onMessage?.(note.message);
    publish = await publishRun(db, build.runId, { secrets: deps.secrets, ...(deps.onMessage ? { onMessage: deps.onMessage } : {}) }, ctx);
    if (publish.ok) {
      const resent = notes.reduce((n, note) => n + Number(note.params?.count ?? 0), 0);
      return end('delivered', {
        code: 'schedule-delivered', params: { written: build.counts.written, ...(resent ? { resent } : {}) },
        message: [`${build.counts.written} project(s) sent; MiniCRM accepted the feed.`, ...notes.map((note) => note.message)].join(' '),
      });
    }
    const problem: CodedMessage = { code: publish.code, message: publish.message, params: publish.params };
    return end(publish.code === 'rate-limited' || publish.code === 'minicrm-rate-limited' ? 'rate-limited' : 'failed', problem);
  } catch (e) {
    const full = faults?.diskFull(e) ?? null;
    return end('failed', full ? { code: full.code, message: full.message, params: full.params } : problemOf(e));
  } finally {
    lock?.release();
    db.runs.scheduleId = null;
  }
}
