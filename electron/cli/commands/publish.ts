import { UnusableInputError } from '../../../shared/domain/errors';
import { PublishError } from '../../services/publish/publish-error';
import { publishRun, type PublishReport } from '../../services/publish/publish-run';
import { discardRun, findRunByFeedPath, resendRun } from '../../services/publish/run-actions';
import { loadSettings } from '../../services/publish/settings';
import { acquireSyncLock } from '../../services/publish/sync-lock';
import { allowFlags, boolFlag, stringFlag, UsageError, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { cliSecretStore } from './config';
import { resolve } from 'node:path';

/** Prints a publish report; exit 0 when MiniCRM accepted the feed, 1 otherwise. */
export function printPublishReport(r: PublishReport, io: CliIo, json: boolean): number {
  if (json) {
    io.out(JSON.stringify({
      run: r.runId, ok: r.ok, status: r.status, message: r.message, uploadTarget: r.uploadTarget, publicUrl: r.publicUrl,
      syncStatus: r.syncStatus, syncBody: r.syncBody, delivered: r.delivered, hostKey: r.hostKey, warnings: r.warnings, retryAt: r.retryAt,
    }, null, 2));
    return r.ok ? 0 : 1;
  }
  for (const w of r.warnings) io.err(`Note: ${w}`);
  if (r.uploadTarget) io.out(`Uploaded: ${r.uploadTarget}`);
  if (r.syncStatus !== null) io.out(`MiniCRM answered HTTP ${r.syncStatus}.`);
  (r.ok ? io.out : io.err)(`${r.ok ? '' : 'Error: '}${r.message} Run #${r.runId} is ${r.status}.`);
  return r.ok ? 0 : 1;
}

const USER_CAUSED: ReadonlySet<string> = new Set(['already-triggered', 'run-not-found', 'run-no-feed', 'run-not-publishable', 'run-not-waiting', 'run-use-trigger-now']);

/** Another sync or publish of the same MiniCRM system holds the lock (try again later). */
export const EXIT_BUSY = 3;

/** PublishErrors the user caused (wrong run, already sent) are exit 2, a busy lock 3; the rest exit 1. */
export function publishErrorExit(e: unknown, io: CliIo, json = false): number {
  if (e instanceof PublishError) {
    io.err(`Error: ${e.message}`);
    const exitCode = e.code === 'sync-busy' ? EXIT_BUSY : USER_CAUSED.has(e.code) ? 2 : 1;
    if (json) io.out(JSON.stringify({ ok: false, exitCode, error: { code: e.code, message: e.message, params: e.params } }, null, 2));
    return exitCode;
  }
  throw e;
}

/**
 * `publish FEED.xml [--db PATH] [--secrets FILE] [--json]` uploads a built feed and triggers SyncFeed.
 * `--run N` picks the run directly; `--resend` sends an already-sent run's feed again as a new run;
 * `--discard` drops a run left uploaded-but-not-triggered.
 */
export async function runPublish(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'secrets', 'json', 'run', 'resend', 'discard']);
  const runFlag = stringFlag(args, 'run');
  if (args.positionals.length > 1 || (!runFlag && args.positionals.length !== 1)) throw new UsageError('publish needs the feed file (or --run N).');
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  const ctx = cliJobContext(io);
  let lock: { release(): void } | null = null;
  try {
    let runId: number;
    if (runFlag) {
      runId = Number(runFlag);
      if (!Number.isInteger(runId) || !db.runs.getRecord(runId)) throw new UnusableInputError('unusable-settings', `There is no run #${runFlag}.`);
    } else {
      const feed = resolve(io.cwd, args.positionals[0]!);
      const run = findRunByFeedPath(db, feed);
      if (!run) throw new UnusableInputError('file-not-found', `No run in the history has the feed ${feed}; build it with "build" first.`);
      runId = run.id;
    }
    if (boolFlag(args, 'discard')) {
      const r = discardRun(db, runId);
      io.out(`Run #${r.id} discarded: ${r.error}`);
      return 0;
    }
    const run = db.runs.getRecord(runId)!;
    lock = acquireSyncLock(db, { systemId: loadSettings(db.settings).systemId, profileName: run.profileName, holder: 'cli' });
    if (boolFlag(args, 'resend')) {
      const again = resendRun(db, runId);
      io.out(`Sending the feed of run #${runId} again as run #${again}.`);
      runId = again;
    }
    const { store } = cliSecretStore(args, io, db);
    const report = await publishRun(db, runId, { secrets: store, onMessage: (m) => io.err(`Note: ${m}`) }, ctx);
    return printPublishReport(report, io, boolFlag(args, 'json'));
  } catch (e) {
    return publishErrorExit(e, io, boolFlag(args, 'json'));
  } finally {
    lock?.release();
    ctx.dispose();
    db.close();
  }
}
