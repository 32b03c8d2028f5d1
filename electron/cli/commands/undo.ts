import { resolve } from 'node:path';
import type { RestoreSummary, UndoNote } from '../../../shared/domain/verification';
import { defaultFeedDir } from '../../services/engine/build';
import { publishRun } from '../../services/publish/publish-run';
import { loadSettings, requireSettings } from '../../services/publish/settings';
import { acquireSyncLock, type SyncLock } from '../../services/publish/sync-lock';
import { noteLines, writeSheet } from '../../services/verify/report-export';
import { prepareRestore } from '../../services/verify/undo-run';
import { VerifyError } from '../../services/verify/verify-error';
import { allowFlags, boolFlag, onePositional, stringFlag, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import { num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { cliSecretStore } from './config';
import { printPublishReport, publishErrorExit } from './publish';
import { exportFormat, runArgument, verifyErrorExit } from './verify';

const SHOWN = 200;
const q = (v: string | null): string => (v === null || v === '' ? '(empty)' : JSON.stringify(v));

export function undoLines(s: RestoreSummary, dryRun: boolean): string[] {
  const c = s.counts;
  const lines = [`${dryRun ? 'Undoing' : 'The restore of'} run #${s.undoes} ${dryRun ? 'would put' : 'puts'} back ${num(c.fields)} value(s) on ${num(c.cards)} card(s).`];
  for (const card of s.changes.slice(0, SHOWN)) {
    lines.push(`  ${card.id}`);
    for (const ch of card.changes) lines.push(`      ${ch.field}: ${q(ch.before)} -> ${q(ch.after)}`);
  }
  if (s.changes.length > SHOWN || s.truncated) lines.push(`  … (the first ${num(Math.min(SHOWN, s.changes.length))} cards are listed)`);
  const group = (kind: UndoNote['kind'], title: string, line: (n: UndoNote) => string) => {
    const notes = s.notes.filter((n) => n.kind === kind);
    const count = kind === 'created' ? c.created : kind === 'empty-before' ? c.emptyBefore : c.changedSince;
    if (count === 0) return;
    lines.push(`${title} (${num(count)}):`);
    for (const n of notes.slice(0, SHOWN)) lines.push(`  ${line(n)}`);
    if (count > Math.min(notes.length, SHOWN)) lines.push('  … (--export FILE lists them all)');
  };
  group('created', 'Cards the run created: a feed cannot delete them; delete them in MiniCRM by hand if they should not exist', (n) => n.projectId);
  group('empty-before', 'Values that were empty before: a feed cannot empty them; clear them in MiniCRM by hand', (n) => `${n.projectId}  ${n.field}: ${q(n.runValue)}`);
  group('changed-since', 'Changed by a later sync, left alone', (n) => `${n.projectId}  ${n.field}: run's ${q(n.runValue)}, now ${q(n.now)}`);
  return lines;
}

/**
 * `undo RUN [--dry-run] [--export FILE] [--json]`: builds the restore feed of a delivered run and
 * sends it like any run (a new run of kind restore). `--dry-run` only says what it would do.
 */
export async function runUndo(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'secrets', 'json', 'dry-run', 'export', 'out-dir']);
  const exportPath = stringFlag(args, 'export');
  const format = exportPath ? exportFormat(exportPath) : null;
  const dryRun = boolFlag(args, 'dry-run');
  const json = boolFlag(args, 'json');
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  const ctx = cliJobContext(io);
  let lock: SyncLock | null = null;
  try {
    const runId = runArgument(db, onePositional(args, 'run number'));
    const { store } = cliSecretStore(args, io, db);
    if (!dryRun) {
      const settings = loadSettings(db.settings);
      await requireSettings(settings, store, { api: true, upload: true, publicUrl: true });
      // Worked out and sent under the sync lock: no other sync can move the delivered state in between.
      lock = acquireSyncLock(db, { systemId: settings.systemId, profileName: db.runs.getRecord(runId)?.profileName ?? null, holder: 'cli' });
    }
    const r = await prepareRestore(db, runId, { outDir: stringFlag(args, 'out-dir') ?? defaultFeedDir(), dryRun }, ctx);
    if (exportPath) {
      const notes = dryRun ? r.notes : db.restores.notes(r.summary.runId);
      const rows = await writeSheet(resolve(io.cwd, exportPath), format!, 'MiniCRM', noteLines(notes, runId, 'en'));
      io.err(`List of what the restore cannot undo saved: ${resolve(io.cwd, exportPath)} (${num(rows)} line(s)).`);
    }
    if (!json) for (const line of undoLines(r.summary, dryRun)) io.out(line);
    if (dryRun) {
      if (json) io.out(JSON.stringify({ dryRun: true, ...r.summary, notes: r.notes }, null, 2));
      return 0;
    }
    if (r.summary.counts.cards === 0) {
      if (json) io.out(JSON.stringify({ run: r.summary.runId, ok: true, status: 'built', ...r.summary }, null, 2));
      else io.out(`Nothing can be put back, so MiniCRM was not asked. Run #${r.summary.runId} keeps the list.`);
      return 0;
    }
    if (!json) io.out(`Restore feed written: ${r.feedPath} (run #${r.summary.runId}). Publishing…`);
    const report = await publishRun(db, r.summary.runId, { secrets: store, onMessage: (m) => io.err(`Note: ${m}`) }, ctx);
    return printPublishReport(report, io, json);
  } catch (e) {
    if (e instanceof VerifyError) return verifyErrorExit(e, io, json);
    return publishErrorExit(e, io, { json });
  } finally {
    lock?.release();
    ctx.dispose();
    db.close();
  }
}
