import { previewChanges } from '../../services/engine/diff';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import { num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { loadCliProfile } from '../cli-profile';
import { openCliDatabase } from '../cli-db';

export async function runDiff(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['profile', 'db', 'json', 'sheet', 'header-row', 'encoding', 'delimiter', 'limit']);
  const file = onePositional(args, 'file');
  const profileRef = stringFlag(args, 'profile');
  if (!profileRef) throw new UsageError('diff needs --profile FILE.');
  const limit = Number(stringFlag(args, 'limit') ?? 1000);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit must be a whole number.');
  const profile = await loadCliProfile(profileRef, args, io);
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  const ctx = cliJobContext(io);
  try {
    const { preview, stats } = await previewChanges(db, file, profile, { ...sourceOptionsFromArgs(args), previewLimit: limit }, ctx);
    if (boolFlag(args, 'json')) {
      io.out(JSON.stringify({ ...preview, rows: stats.rows, errors: stats.errors, warnings: stats.warnings }, null, 2));
      return 0;
    }
    const c = preview.counts;
    io.out(`New: ${num(c.new)}   Changed: ${num(c.changed)}   Unchanged: ${num(c.unchanged)}   Rejected: ${num(c.rejected)}`);
    if (c.changed === 0 && c.new === 0) io.out('Nothing to send: MiniCRM already has all of these projects as they are.');
    for (const p of preview.changed) {
      io.out(`Project ${p.id}:`);
      for (const ch of p.changes) io.out(`  ${ch.field}: ${show(ch.before)} -> ${show(ch.after)}`);
    }
    if (preview.added.length) io.out(`New projects: ${preview.added.slice(0, 20).join(', ')}${c.new > 20 ? ', …' : ''}`);
    if (preview.truncated) io.out(`(Only the first ${num(limit)} are listed; counts are complete.)`);
    return 0;
  } finally {
    ctx.dispose();
    db.close();
  }
}

const show = (v: string | null): string => (v === null ? '(empty)' : JSON.stringify(v));
