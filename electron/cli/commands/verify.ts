import { resolve } from 'node:path';
import { CancelledError } from '../../../shared/domain/errors';
import type { CardCheck, VerificationDetail } from '../../../shared/domain/verification';
import type { AppDatabase } from '../../services/db';
import { PublishError } from '../../services/publish/publish-error';
import { clock } from '../../services/publish/clock';
import { checkLines, writeSheet } from '../../services/verify/report-export';
import { VerifyError } from '../../services/verify/verify-error';
import { CHECK_WAITS_MS, startVerification, verifyRun } from '../../services/verify/verify-run';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import { num } from '../format';
import type { CliIo } from '../io';
import { failureJson } from '../failure';
import { SIGNAL_EXIT, stoppedBy } from '../signals';
import { cliJobContext } from '../job-context';
import { cliSecretStore } from './config';
import { publishErrorExit } from './publish';

/** A check or undo that cannot be done: exit 2, its plain line (and with --json the error as JSON). */
export function verifyErrorExit(e: VerifyError, io: CliIo, json: boolean): number {
  io.err(`Error: ${e.message}`);
  if (json) io.out(JSON.stringify({ ok: false, exitCode: 2, error: { code: e.code, message: e.message, params: e.params } }, null, 2));
  return 2;
}

/** `RUN` is a run number, or `last` for the newest delivered run. */
export function runArgument(db: AppDatabase, value: string): number {
  if (value === 'last') {
    const last = db.runs.list({ status: 'delivered', limit: 1 })[0];
    if (!last) throw new UsageError('No run has been delivered to MiniCRM yet.');
    return last.id;
  }
  const id = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`"${value}" is not a run number (see "history").`);
  return id;
}

/** `--export FILE`: the format from the file's extension. */
export function exportFormat(path: string): 'xlsx' | 'csv' {
  if (/\.xlsx$/i.test(path)) return 'xlsx';
  if (/\.csv$/i.test(path)) return 'csv';
  throw new UsageError('--export needs a file ending in .csv or .xlsx.');
}

const STATUS = { pending: 'not checked', match: 'matches', differs: 'DIFFERS', missing: 'not there yet', 'not-comparable': 'not comparable' } as const;
const REASON: Record<string, string> = {
  'not-read': 'MiniCRM\'s API does not give it back', 'not-returned': 'missing from MiniCRM\'s answer', 'unknown-field': 'a field MiniCRM does not describe',
  'unknown-option': 'a dropdown value MiniCRM does not list', format: 'cannot be read as its type', 'later-run': 'a later sync changed it',
  'several-cards': 'several cards carry this Reference Id', 'old-values': 'MiniCRM still shows the values from before this run', deleted: 'the card is deleted in MiniCRM',
};
const q = (v: string | null): string => (v === null || v === '' ? '(empty)' : JSON.stringify(v));

function cardLines(c: CardCheck): string[] {
  const head = `  ${c.projectId}  ${STATUS[c.status]}${c.note ? ` (${REASON[c.note] ?? c.note})` : ''}${c.picked ? ' [picked]' : ''}`;
  if (c.status === 'match') return [];
  return [head, ...c.fields.filter((f) => f.outcome === 'differs').map((f) => `      ${f.field}: ${q(f.sent)} -> ${q(f.found)}`)];
}

export function verifyLines(v: VerificationDetail): string[] {
  const c = v.counts;
  const lines = [
    `Run #${v.runId}: ${num(v.checked)} of ${num(v.sent)} card(s) checked in MiniCRM${v.sampleSize ? ` (${num(v.sampleSize)} at random${v.cards.some((x) => x.picked) ? ' plus the picked ones' : ''})` : ''}: `
    + `${num(c.match)} match, ${num(c.differs)} differ, ${num(c.missing)} not there yet, ${num(c.notComparable)} not comparable${c.pending ? `, ${num(c.pending)} not checked` : ''}.`,
  ];
  for (const card of v.cards) lines.push(...cardLines(card));
  if (v.uncompared > 0) lines.push(`${num(v.uncompared)} field(s) of matching cards could not be compared (MiniCRM's API does not give back contacts, addresses or other e-mails and phones); they are not counted as matching.`);
  return lines;
}

/**
 * `verify RUN|last [--sample N] [--ids A,B] [--no-wait] [--json] [--export FILE]`: reads the run's
 * cards back from MiniCRM and compares them. Exit 0: everything checked is there as sent, 1: a card
 * differs or is still not there, 2: the run cannot be checked, 130: stopped (results so far kept).
 */
export async function runVerify(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'secrets', 'json', 'sample', 'ids', 'no-wait', 'export']);
  const sampleFlag = stringFlag(args, 'sample');
  const sampleSize = sampleFlag === undefined ? undefined : Number(sampleFlag);
  if (sampleSize !== undefined && (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > 1000)) throw new UsageError('--sample must be a number from 1 to 1000.');
  const picks = (stringFlag(args, 'ids') ?? '').split(/[\s,;]+/).filter((s) => s !== '');
  const exportPath = stringFlag(args, 'export');
  const format = exportPath ? exportFormat(exportPath) : null;
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  const ctx = cliJobContext(io);
  const json = boolFlag(args, 'json');
  let verificationId = 0;
  try {
    const runId = runArgument(db, onePositional(args, 'run number (or "last")'));
    const { store } = cliSecretStore(args, io, db);
    verificationId = startVerification(db, runId);
    const progress = ctx.progress.bind(ctx);
    const watched = {
      ...ctx,
      progress: (stage: Parameters<typeof progress>[0], done: number, total: number | null, unit: Parameters<typeof progress>[3]) => {
        if (stage === 'waiting' && total) io.err(`Note: not every card is in MiniCRM yet; trying again at ${clock(new Date(Date.now() + total * 1000))} (Ctrl+C stops; what was checked is kept).`);
        progress(stage, done, total, unit);
      },
    };
    const v = await verifyRun(db, verificationId, { sampleSize, picks, waitsMs: boolFlag(args, 'no-wait') ? [0] : CHECK_WAITS_MS }, { secrets: store }, watched);
    if (exportPath) io.err(`Report saved: ${resolve(io.cwd, exportPath)} (${num(await writeSheet(resolve(io.cwd, exportPath), format!, 'MiniCRM', checkLines(v.cards, 'en')))} line(s)).`);
    if (json) io.out(JSON.stringify(v, null, 2));
    else for (const line of verifyLines(v)) io.out(line);
    return v.counts.differs > 0 || v.counts.missing > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof CancelledError) {
      const v = db.verifications.get(verificationId);
      if (v && !json) for (const line of verifyLines(v)) io.out(line);
      const message = 'Stopped. The cards checked so far are kept; run "verify" again to check the others.';
      io.err(message);
      const by = stoppedBy(io);
      if (json) io.out(failureJson({ exitCode: by ? SIGNAL_EXIT[by] : 130, line: message, error: { code: 'cancelled', message } }));
      return 130;
    }
    if (e instanceof VerifyError) return verifyErrorExit(e, io, json);
    if (e instanceof PublishError) return publishErrorExit(e, io, { json });
    throw e;
  } finally {
    ctx.dispose();
    db.close();
  }
}
