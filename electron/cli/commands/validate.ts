import { validateFile } from '../../services/engine/validate';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import { issueJson, issueLines, num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { loadCliProfile } from '../cli-profile';

export async function runValidate(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['profile', 'sheet', 'header-row', 'encoding', 'delimiter', 'json', 'db']);
  const file = onePositional(args, 'file');
  const profileRef = stringFlag(args, 'profile');
  if (!profileRef) throw new UsageError('validate needs --profile FILE (make one with: inspect FILE --save-profile FILE).');
  const profile = await loadCliProfile(profileRef, args, io);
  const ctx = cliJobContext(io);
  const r = await validateFile(file, profile, { ...sourceOptionsFromArgs(args), maxIssues: 1_000_000 }, ctx).finally(() => ctx.dispose());

  if (boolFlag(args, 'json')) {
    io.out(JSON.stringify({
      rows: r.rows, projects: r.projects, valid: r.valid, rejected: r.rejected, errors: r.errors, warnings: r.warnings,
      schemaChecked: r.schemaChecked, issuesTruncated: r.issuesTruncated, issues: r.issues.map(issueJson),
    }, null, 2));
  } else {
    io.out(`Rows: ${num(r.rows)}   Projects: ${num(r.projects)}   Valid: ${num(r.valid)}   Rejected: ${num(r.rejected)}`);
    io.out(`Errors: ${num(r.errors)}   Warnings: ${num(r.warnings)}`);
    if (r.issues.length) io.out('Problems:');
    for (const line of issueLines(r.issues)) io.out(line);
    if (r.errors === 0) io.out('All rows can be sent to MiniCRM.');
    else io.out('Rows with errors will be left out of the feed until they are fixed.');
  }
  return r.errors > 0 ? 1 : 0;
}
