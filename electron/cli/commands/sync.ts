import { buildFeed, defaultFeedDir } from '../../services/engine/build';
import { publishRun } from '../../services/publish/publish-run';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import { loadCliProfile } from '../cli-profile';
import { issueLines, noteRemoved, num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { modeFromArgs } from '../mode-args';
import { sourceOptionsFromArgs } from '../source-args';
import { cliSecretStore } from './config';
import { printPublishReport, publishErrorExit } from './publish';
import { loadSettings, requireSettings, type ConnectionSettings } from '../../services/publish/settings';
import { getProjectSchema } from '../../services/publish/minicrm-schema';
import { acquireSyncLock } from '../../services/publish/sync-lock';
import { cleanLocalLeftovers } from '../../services/publish/leftovers';
import { resendNotes } from '../../services/publish/resend-notes';
import type { SecretStore } from '../../services/publish/secret-store';
import type { AppDatabase } from '../../services/db';
import type { ProjectSchema } from '../../../shared/domain/schema';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { resolve } from 'node:path';
import { watchRun, type RunWatch } from '../faults';

/**
 * MiniCRM's schema of the profile's category (cached; fetched when missing or with --refresh-schema)
 * so values are checked against MiniCRM before anything is sent. Unavailable -> a note, no checks.
 */
async function schemaForProfile(
  db: AppDatabase, settings: ConnectionSettings, secrets: SecretStore, profile: ProfileV1, refresh: boolean, io: CliIo,
): Promise<ProjectSchema | null> {
  const cat = profile.project.CategoryId;
  const categoryId = typeof cat === 'object' && cat !== null && 'value' in cat && typeof cat.value === 'string' ? cat.value : null;
  if (!categoryId) return null;
  try {
    return await getProjectSchema(db, settings, secrets, categoryId, { refresh });
  } catch (e) {
    io.err(`Note: values were not checked against MiniCRM's fields (${(e as Error).message}).`);
    return null;
  }
}

/** `sync <file> --profile P [--changed-only|--full]`: build, then upload + SyncFeed. */
export async function runSync(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['profile', 'changed-only', 'full', 'db', 'secrets', 'json', 'out-dir', 'sheet', 'header-row', 'encoding', 'delimiter', 'strict', 'refresh-schema']);
  const file = onePositional(args, 'file');
  const profileRef = stringFlag(args, 'profile');
  if (!profileRef) throw new UsageError('sync needs --profile P.');
  const mode = modeFromArgs(args);
  const profile = await loadCliProfile(profileRef, args, io);
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  const ctx = cliJobContext(io);
  const json = boolFlag(args, 'json');
  let lock: { release(): void } | null = null;
  let run: RunWatch | null = null;
  try {
    const { store } = cliSecretStore(args, io, db);
    // Unusable settings stop us before a feed is built for nothing (exit 2).
    const settings = loadSettings(db.settings);
    await requireSettings(settings, store, { api: true, upload: true, publicUrl: true });
    // From before the build: a second sync beside this one would build and send the same changes.
    lock = acquireSyncLock(db, { systemId: settings.systemId, profileName: profile.name, holder: 'cli' });
    const schema = await schemaForProfile(db, settings, store, profile, boolFlag(args, 'refresh-schema'), io);
    const outDir = resolve(io.cwd, stringFlag(args, 'out-dir') ?? defaultFeedDir());
    noteRemoved(await cleanLocalLeftovers(db, outDir), io);
    run = watchRun(db, ctx, { feedDir: outDir, source: resolve(io.cwd, file), profileName: profile.name });
    const built = await buildFeed(db, file, profile, {
      ...sourceOptionsFromArgs(args), mode, schema, strict: boolFlag(args, 'strict'), outDir, onRun: run.onRun,
    }, run.ctx);
    const c = built.counts;
    if (!json) {
      io.out(`Rows: ${num(c.rows)}   Projects: ${num(c.projects)}   Rejected: ${num(c.rejected)}   New: ${num(built.preview.counts.new)}   Changed: ${num(built.preview.counts.changed)}   Unchanged: ${num(built.preview.counts.unchanged)}`);
      for (const line of issueLines(built.issues)) io.out(line);
    }
    if (built.status !== 'built') {
      io.err(`Error: nothing written: ${built.reason} Run #${built.runId}.`);
      if (json) io.out(JSON.stringify({ run: built.runId, ok: false, exitCode: 1, status: built.status, message: `Nothing written: ${built.reason}` }, null, 2));
      return 1;
    }
    if (c.written === 0) {
      // An empty feed would spend one of MiniCRM's 180 hourly syncs to change nothing.
      if (json) io.out(JSON.stringify({ run: built.runId, ok: true, status: 'built', written: 0, message: 'Nothing changed; MiniCRM was not asked.' }, null, 2));
      else io.out(`Nothing changed since the last delivered sync; MiniCRM was not asked. Run #${built.runId}.`);
      return c.errors > 0 ? 1 : 0;
    }
    for (const note of resendNotes(db, built.runId)) io.err(`Note: ${note.message}`);
    if (!json) io.out(`Feed written: ${built.feedPath} (${num(c.written)} projects). Publishing…`);
    const report = await publishRun(db, built.runId, { secrets: store, onMessage: (m) => io.err(`Note: ${m}`) }, ctx);
    const code = printPublishReport(report, io, json);
    // As build: rows with errors make it exit 1 although the other projects were delivered.
    if (code === 0 && c.errors > 0) {
      io.err(`Note: ${num(c.rejected)} rejected project(s) were not sent until their rows are fixed.`);
      return 1;
    }
    return code;
  } catch (e) {
    return publishErrorExit(run ? run.fault(e) : e, io, { json, db });
  } finally {
    lock?.release();
    ctx.dispose();
    db.close();
  }
}
