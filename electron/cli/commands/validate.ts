import { validateFile } from '../../services/engine/validate';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import { issueJson, issueLines, num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { loadCliProfile } from '../cli-profile';
import { problemsFormat, writeProblemsFile } from '../problems-file';

export async function runValidate(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['profile', 'sheet', 'header-row', 'encoding', 'delimiter', 'json', 'db', 'problems']);
  const file = onePositional(args, 'file');
  const profileRef = stringFlag(args, 'profile');
  if (!profileRef) throw new UsageError('validate needs --profile FILE (make one with: inspect FILE --save-profile FILE).');
  const problems = stringFlag(args, 'problems');
  if (problems) problemsFormat(problems);
  const profile = await loadCliProfile(profileRef, args, io);
  const ctx = cliJobContext(io);
  const options = sourceOptionsFromArgs(args);
  const r = await validateFile(file, profile, { ...options, maxIssues: 1_000_000 }, ctx).finally(() => ctx.dispose());
  let exported: number | null = null;
  if (problems) {
    const ctx2 = cliJobContext(io);
    exported = await writeProblemsFile(problems, file, profile, options, r.issues, ctx2).finally(() => ctx2.dispose());
  }
  const leftOut = r.issues.filter((i) => i.code === 'value-left-out').length;

  if (boolFlag(args, 'json')) {
    io.out(JSON.stringify({
      rows: r.rows, projects: r.projects, valid: r.valid, rejected: r.rejected, errors: r.errors, warnings: r.warnings,
      leftOutRows: r.excluded, leftOutValues: leftOut, schemaChecked: r.schemaChecked, issuesTruncated: r.issuesTruncated,
      ...(problems ? { problemsFile: problems, problemLines: exported } : {}), issues: r.issues.map(issueJson),
    }, null, 2));
  } else {
    io.out(`Rows: ${num(r.rows)}   Projects: ${num(r.projects)}   Valid: ${num(r.valid)}   Rejected: ${num(r.rejected)}`);
    io.out(`Errors: ${num(r.errors)}   Warnings: ${num(r.warnings)}`);
    if (r.excluded > 0) io.out(`Rows left out (totals rows): ${num(r.excluded)}`);
    if (leftOut > 0) io.out(`Values left out (the rest of their project is sent): ${num(leftOut)}`);
    if (r.issues.length) io.out('Problems:');
    for (const line of issueLines(r.issues)) io.out(line);
    if (r.errors === 0) io.out('All rows can be sent to MiniCRM.');
    else io.out('Rows with errors will be left out of the feed until they are fixed.');
    if (problems) io.out(`Problems saved to ${problems} (${num(exported ?? 0)} lines).`);
  }
  return r.errors > 0 ? 1 : 0;
}
