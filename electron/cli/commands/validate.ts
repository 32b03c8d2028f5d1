import { validateFile } from '../../services/engine/validate';
import type { RowIssue } from '../../../shared/domain/issue';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import { issueJson, issueLines, num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { loadCliProfile } from '../cli-profile';
import { problemsFormat, writeProblemsFile } from '../problems-file';
import { cliFailure, failureJson } from '../failure';
import { stoppedBy } from '../signals';

/** Problems the text output lists. */
const SHOWN = 200;

export async function runValidate(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['profile', 'sheet', 'header-row', 'encoding', 'delimiter', 'json', 'db', 'problems']);
  const file = onePositional(args, 'file');
  const profileRef = stringFlag(args, 'profile');
  if (!profileRef) throw new UsageError('validate needs --profile FILE (make one with: inspect FILE --save-profile FILE).');
  const problems = stringFlag(args, 'problems');
  if (problems) problemsFormat(problems);
  const profile = await loadCliProfile(profileRef, args, io);
  const ctx = cliJobContext(io);
  const json = boolFlag(args, 'json');
  // --json streams every issue as it is found (one JSON document, counts at its end); the text
  // shows the first ones and how many there are: memory stays bounded at any number of problems.
  let first = true;
  if (json) io.out('{"issues": [');
  const sinks = json ? {
    problems: async (rows: ReadonlyArray<{ issues: readonly RowIssue[] }>) => {
      for (const p of rows) {
        for (const i of p.issues) {
          io.out(`${first ? '' : ','}${JSON.stringify(issueJson(i))}`);
          first = false;
        }
      }
      await io.drain?.();
    },
  } : {};
  const options = { ...sourceOptionsFromArgs(args), maxIssues: json ? 0 : SHOWN, keep: problems !== null && problems !== undefined };
  let r: Awaited<ReturnType<typeof validateFile>>;
  let exported: number | null;
  try {
    r = await validateFile(file, profile, options, ctx, sinks).finally(() => ctx.dispose());
    exported = problems ? await writeProblemsFile(problems, r, profile) : null;
  } catch (e) {
    if (!json) throw e;
    // The streamed document is closed with the error, so it stays one JSON document.
    const f = cliFailure(e, stoppedBy(io));
    io.err(f.line);
    io.out(`], ${failureJson(f).slice(1)}`);
    return f.exitCode;
  }
  const leftOut = r.issueCounts['value-left-out'] ?? 0;

  if (json) {
    const counts = {
      rows: r.rows, projects: r.projects, valid: r.valid, rejected: r.rejected, errors: r.errors, warnings: r.warnings,
      leftOutRows: r.excluded, leftOutValues: leftOut, schemaChecked: r.schemaChecked,
      ...(problems ? { problemsFile: problems, problemLines: exported } : {}),
    };
    io.out(`], ${JSON.stringify(counts).slice(1)}`);
  } else {
    io.out(`Rows: ${num(r.rows)}   Projects: ${num(r.projects)}   Valid: ${num(r.valid)}   Rejected: ${num(r.rejected)}`);
    io.out(`Errors: ${num(r.errors)}   Warnings: ${num(r.warnings)}`);
    if (r.excluded > 0) io.out(`Rows left out (totals rows): ${num(r.excluded)}`);
    if (leftOut > 0) io.out(`Values left out (the rest of their project is sent): ${num(leftOut)}`);
    if (r.issues.length) io.out('Problems:');
    for (const line of issueLines(r.issues, SHOWN, r.errors + r.warnings)) io.out(line);
    if (r.errors === 0) io.out('All rows can be sent to MiniCRM.');
    else io.out('Rows with errors will be left out of the feed until they are fixed.');
    if (problems) io.out(`Problems saved to ${problems} (${num(exported ?? 0)} lines).`);
  }
  return r.errors > 0 ? 1 : 0;
}
