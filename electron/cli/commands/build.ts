import { buildFeed } from '../../services/engine/build';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import { bytes, issueJson, issueLines, noteRemoved, num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { loadCliProfile } from '../cli-profile';
import { openCliDatabase } from '../cli-db';
import { modeFromArgs } from '../mode-args';
import { cleanLocalLeftovers } from '../../services/publish/leftovers';
import { dirname, resolve } from 'node:path';
import { watchRun } from '../faults';

export async function runBuild(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['profile', 'out', 'out-dir', 'changed-only', 'full', 'strict', 'db', 'json', 'sheet', 'header-row', 'encoding', 'delimiter']);
  const file = onePositional(args, 'file');
  const profileRef = stringFlag(args, 'profile');
  if (!profileRef) throw new UsageError('build needs --profile FILE.');
  const out = stringFlag(args, 'out');
  const outDir = stringFlag(args, 'out-dir');
  if (!out && !outDir) throw new UsageError('build needs --out FEED.xml (or --out-dir FOLDER for a unique name).');
  const mode = modeFromArgs(args);
  const profile = await loadCliProfile(profileRef, args, io);
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  const ctx = cliJobContext(io);
  const feedDir = out ? dirname(resolve(io.cwd, out)) : resolve(io.cwd, outDir!);
  const run = watchRun(db, ctx, { feedDir, source: resolve(io.cwd, file), profileName: profile.name });
  try {
    noteRemoved(await cleanLocalLeftovers(db, feedDir), io);
    const r = await buildFeed(db, file, profile, {
      // The first issues are shown (all of them are in the run's history and `validate --json`).
      ...sourceOptionsFromArgs(args), mode, strict: boolFlag(args, 'strict'), maxIssues: 1000,
      ...(out ? { out } : {}), ...(outDir ? { outDir } : {}), onRun: run.onRun,
    }, run.ctx).catch((e: unknown) => {
      throw run.fault(e);
    });
    if (boolFlag(args, 'json')) {
      io.out(JSON.stringify({
        run: r.runId, status: r.status, reason: r.reason, feed: r.feedPath, size: r.feedSize, sha256: r.feedSha256,
        mode, ...r.counts, preview: r.preview.counts, issues: r.issues.map(issueJson),
      }, null, 2));
    } else {
      const c = r.counts;
      io.out(`Rows: ${num(c.rows)}   Projects: ${num(c.projects)}   Rejected: ${num(c.rejected)}   Errors: ${num(c.errors)}   Warnings: ${num(c.warnings)}`);
      io.out(`New: ${num(r.preview.counts.new)}   Changed: ${num(r.preview.counts.changed)}   Unchanged: ${num(r.preview.counts.unchanged)}`);
      const leftOut = r.issues.filter((i) => i.code === 'value-left-out').length;
      if (leftOut > 0) io.out(`Values left out (the rest of their project is sent): ${num(leftOut)}${r.issuesTruncated ? ' or more' : ''}`);
      for (const line of issueLines(r.issues, 200, c.errors + c.warnings)) io.out(line);
      if (r.status === 'built') {
        io.out(`Feed written: ${r.feedPath} (${num(c.written)} projects${mode === 'changed' ? ', only changes' : ''}, ${bytes(r.feedSize ?? 0)}). Run #${r.runId}.`);
        if (c.errors > 0) io.out(`${num(c.rejected)} rejected project(s) are not in the feed until their rows are fixed (exit code 1).`);
      } else {
        io.out(`Nothing written: ${r.reason} Run #${r.runId}.`);
      }
    }
    // README: 1 when rows have errors (the feed of the other projects is still written), or nothing was written.
    return r.status === 'built' && r.counts.errors === 0 ? 0 : 1;
  } finally {
    ctx.dispose();
    db.close();
  }
}
