import { validateFile } from '../../services/engine/validate';
import { allowFlags, boolFlag, onePositional, stringFlag, UsageError, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import { issueJson, issueLines, num } from '../format';
import type { CliIo } from '../io';
import type { RowIssue } from '../../../shared/domain/issue';
import { cliJobContext } from '../job-context';
import { loadCliProfile } from '../cli-profile';

/** Problems the text output lists. */
const SHOWN = 200;

export async function runValidate(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['profile', 'sheet', 'header-row', 'encoding', 'delimiter', 'json', 'db']);
  const file = onePositional(args, 'file');
  const profileRef = stringFlag(args, 'profile');
  if (!profileRef) throw new UsageError('validate needs --profile FILE (make one with: inspect FILE --save-profile FILE).');
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
  const r = await validateFile(file, profile, { ...sourceOptionsFromArgs(args), maxIssues: json ? 0 : SHOWN }, ctx, sinks).finally(() => ctx.dispose());

  if (json) {
    const counts = { rows: r.rows, projects: r.projects, valid: r.valid, rejected: r.rejected, errors: r.errors, warnings: r.warnings, schemaChecked: r.schemaChecked };
    io.out(`], ${JSON.stringify(counts).slice(1)}`);
  } else {
    io.out(`Rows: ${num(r.rows)}   Projects: ${num(r.projects)}   Valid: ${num(r.valid)}   Rejected: ${num(r.rejected)}`);
    io.out(`Errors: ${num(r.errors)}   Warnings: ${num(r.warnings)}`);
    if (r.issues.length) io.out('Problems:');
    for (const line of issueLines(r.issues, SHOWN, r.errors + r.warnings)) io.out(line);
    if (r.errors === 0) io.out('All rows can be sent to MiniCRM.');
    else io.out('Rows with errors will be left out of the feed until they are fixed.');
  }
  return r.errors > 0 ? 1 : 0;
}
