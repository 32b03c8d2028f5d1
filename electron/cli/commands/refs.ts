import { loadSettings } from '../../services/publish/settings';
import { readReferenceSheet, setReferenceIds } from '../../services/publish/reference-ids';
import { allowFlags, boolFlag, onePositional, stringFlag, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import type { CliIo } from '../io';
import { failureJson } from '../failure';
import { cliJobContext } from '../job-context';
import { num } from '../format';
import { cliSecretStore } from './config';
import { resolve } from 'node:path';

/**
 * `refs <file>`: two columns (MiniCRM project id, reference id) -> SetReferenceId in batches.
 * Any invalid row stops it before anything is sent (exit 1) unless --skip-invalid.
 */
export async function runRefs(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'secrets', 'json', 'skip-invalid']);
  const file = resolve(io.cwd, onePositional(args, 'file'));
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  const ctx = cliJobContext(io);
  try {
    const { store } = cliSecretStore(args, io, db);
    const settings = loadSettings(db.settings);
    const sheet = await readReferenceSheet(file, ctx);
    for (const p of sheet.problems.slice(0, 200)) io.err(`Row ${p.row}: ${p.message}`);
    if (sheet.problems.length > 200) io.err(`… and ${num(sheet.problems.length - 200)} more problems.`);
    // A refusal as a line, and with --json as the document every failure prints.
    const refuse = (exitCode: number, code: string, message: string): number => {
      io.err(`Error: ${message}`);
      if (boolFlag(args, 'json')) io.out(failureJson({ exitCode, line: message, error: { code, message } }));
      return exitCode;
    };
    if (sheet.problems.length > 0 && !boolFlag(args, 'skip-invalid')) {
      return refuse(1, 'refs-invalid-rows', `${num(sheet.problems.length)} row(s) are invalid; nothing was sent. Fix them or use --skip-invalid.`);
    }
    if (sheet.pairs.length === 0) return refuse(2, 'refs-empty', 'the file holds no reference ids.');
    const r = await setReferenceIds(db, settings, store, sheet.pairs, { sourcePath: file }, ctx);
    if (boolFlag(args, 'json')) io.out(JSON.stringify({ run: r.runId, ok: r.ok, sent: r.sent, batches: r.batches, message: r.message }, null, 2));
    else (r.ok ? io.out : io.err)(`${r.ok ? '' : 'Error: '}${r.message} Run #${r.runId}.`);
    return r.ok ? 0 : 1;
  } finally {
    ctx.dispose();
    db.close();
  }
}
