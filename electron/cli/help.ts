export const COMMANDS = ['inspect', 'validate', 'build', 'diff', 'history', 'publish', 'sync', 'refs', 'check-connection', 'config', 'help', 'schedule', 'cells', 'verify', 'undo'];

/** `cmd` is how the user starts the CLI: `npm run cli --` in a checkout, `minicrm-sync` installed. */
export function helpText(cmd = 'npm run cli --'): string {
  return `MiniCRM XML Sync — command line

Usage: ${cmd} <command> [options]      (${cmd} <command> --help for one command)

  inspect <file> [--sheet S] [--header-row N] [--encoding E] [--delimiter D] [--json] [--save-profile P]
      Format, encoding, delimiter, sheets, header row, columns with samples, row count and a proposed profile.
  validate <file> --profile P [--sheet S] [--json] [--problems PROBLEMS.csv|.xlsx]
      Checks every row. Exit 0: no errors, 1: some rows have errors, 2: the file or profile is unusable.
      --problems writes the rows with problems as the app's "Export problems" does.
  build <file> --profile P --out FEED.xml [--changed-only|--full] [--strict] [--db PATH] [--json]
      Writes the MiniCRM XML feed of the valid projects and records the run. Exit 1 when rows had
      errors (the feed of the other projects is still written); --strict writes nothing then, and
      counts every wrong value as an error even where the profile leaves such values out.
  diff <file> --profile P [--db PATH] [--json]
      What would change in MiniCRM: new / changed (before -> after) / unchanged / rejected.
  history [--db PATH] [--json]
      Past runs, newest first.
  publish FEED.xml [--db PATH] [--force]  Upload a built feed and ask MiniCRM to sync it (--force: even when
                                        a newer run was delivered since and it would roll projects back).
  sync <file> --profile P [--changed-only|--full]   Build + publish in one go.
  refs <file>                           Link existing MiniCRM cards to external ids (Reference Ids).
  check-connection                      Test MiniCRM credentials, the upload target and the public URL.
  config show | config set KEY VALUE    Connection settings used by publish/sync.
  schedule list | schedule run ID       Automatic syncs set up in the app (Settings > Automatic sync).
  cells <file> [--sheet S] [--json] | cells <file> --sheets
      What the app read, cell for cell (before header detection and mapping): the sheet as CSV, or with
      --json one JSON array per row from row 1; --sheets lists the sheet names in workbook order.
  verify RUN|last [--sample N] [--ids A,B] [--no-wait] [--export FILE] [--json]
      Reads the run's cards back from MiniCRM and compares them with what it sent (every card of a run
      of up to 50, else N at random, default 30, plus the given ids); waits while MiniCRM imports.
      Exit 1 when a card differs or is still not in MiniCRM.
  undo RUN [--dry-run] [--export FILE] [--json]
      Sends a restore feed putting back the values the run overwrote (where no later sync changed
      them); lists what a feed cannot undo (cards it created, values that were empty before).

--profile takes a profile JSON file or the name of a profile saved in the app.
The database is the app's own unless --db PATH or MINICRM_SYNC_DB is given.
--json prints one JSON document on stdout (also for errors: {"ok": false, "exitCode", "error"});
progress and notes go to stderr.
Exit codes: 0 done, 1 rows have errors or the sync failed, 2 unusable file, profile or settings,
3 another sync or publish of the same MiniCRM system is running, 4 the disk is full,
129/130/143 stopped by SIGHUP/SIGINT/SIGTERM (the README has the table).`;
}

const SOURCE_OPTIONS = `  --sheet S          Worksheet of a workbook (default: the first with data).
  --header-row N     Row number of the header (default: detected; title rows above it are skipped).
  --encoding E       Text encoding of a CSV (default: detected, e.g. utf-8 or windows-1250).
  --delimiter D      Field delimiter of a CSV (default: detected; "tab" for tabs).`;

const DB = '  --db PATH          History database (default: the app\'s, or MINICRM_SYNC_DB).';
const SECRETS = '  --secrets FILE     Secrets file (see docs/cli-publishing.md); the environment variables win.';
const JSON_OPT = '  --json             One JSON document on stdout.';

/** One command's usage, options and exit codes (`<command> --help`, `help <command>`). */
const COMMAND_HELP: Record<string, (cmd: string) => string> = {
  inspect: (cmd) => `Usage: ${cmd} inspect <file> [options]
Shows how the file is read (format, encoding, delimiter, sheets, header row, columns with samples, rows)
and the mapping the app proposes.
${SOURCE_OPTIONS}
  --save-profile P   Write the proposed mapping to the profile file P.
${JSON_OPT}
Exit codes: 0 read, 2 the file cannot be used.`,
  validate: (cmd) => `Usage: ${cmd} validate <file> --profile P [options]
Checks every row against the profile; each problem names its row and column.
  --profile P        Profile file or the name of a profile saved in the app.
${SOURCE_OPTIONS}
${DB}
${JSON_OPT}  All issues are listed.
  --problems FILE    Also write the rows with problems to FILE (.csv or .xlsx), as the app's "Export problems".
Exit codes: 0 no errors, 1 some rows have errors, 2 the file or profile cannot be used.`,
  build: (cmd) => `Usage: ${cmd} build <file> --profile P (--out FEED.xml | --out-dir FOLDER) [options]
Writes the MiniCRM XML feed of the valid projects and records the run in the history.
  --profile P        Profile file or saved profile name.
  --changed-only     Only projects that changed since the last delivered sync (default).
  --full             Every valid project.
  --strict           Write nothing when any row has an error; every wrong value counts, also those the
                     profile would leave out.
${SOURCE_OPTIONS}
${DB}
${JSON_OPT}
Exit codes: 0 written, 1 rows have errors (the feed of the other projects is written; with --strict
nothing), 2 unusable input, 4 the disk is full, 129/130/143 stopped by a signal.`,
  diff: (cmd) => `Usage: ${cmd} diff <file> --profile P [options]
What a sync would change in MiniCRM: new, changed (before -> after), unchanged, rejected.
  --limit N          List at most N changed projects (default 1000; counts are complete).
${SOURCE_OPTIONS}
${DB}
${JSON_OPT}
Exit codes: 0 done, 2 unusable input.`,
  history: (cmd) => `Usage: ${cmd} history [options]
Past runs, newest first ("scheduled" marks runs of an automatic sync).
  --status S         Only runs with status S (validated, built, uploaded, delivered, failed, cancelled).
  --search TEXT      Runs whose file, profile, answer or error contains TEXT.
  --limit N          At most N runs (default 100).
${DB}
${JSON_OPT}
Exit codes: 0 done, 2 bad option.`,
  publish: (cmd) => `Usage: ${cmd} publish FEED.xml | --run N [options]
Uploads a feed that "build" wrote and asks MiniCRM to sync it (never twice for one run).
  --run N            The run to send, instead of naming its feed.
  --resend           Send an already sent run's feed again, as a new run.
  --discard          Give up a run that was uploaded but never sent to MiniCRM.
  --force            Send a feed older than a run MiniCRM confirmed since (it rolls projects back).
${DB}
${SECRETS}
${JSON_OPT}
Exit codes: 0 MiniCRM accepted the feed, 1 upload or sync failed, 2 unusable settings or run (also an
older feed without --force), 3 another sync is running, 4 the disk is full, 129/130/143 stopped by a signal.`,
  sync: (cmd) => `Usage: ${cmd} sync <file> --profile P [options]
Build + publish in one go. When nothing changed, MiniCRM is not asked (its limit is 180 syncs an hour).
  --changed-only | --full   As for "build" (default: changed only).
  --out-dir FOLDER   Where the feed is written (default: the app's feeds folder).
  --strict           Send nothing when any row has an error (every wrong value counts, as for "build").
  --refresh-schema   Fetch MiniCRM's fields again before checking values.
${SOURCE_OPTIONS}
${DB}
${SECRETS}
${JSON_OPT}
Exit codes: 0 accepted (or nothing to send), 1 failed or rows had errors (the other projects were sent),
2 unusable input or settings, 3 another sync is running, 4 the disk is full, 129/130/143 stopped by a signal.`,
  refs: (cmd) => `Usage: ${cmd} refs <file> [options]
Links cards that already exist in MiniCRM to external ids: two columns, MiniCRM project id and reference id.
  --skip-invalid     Send the valid rows even when some rows are invalid.
${DB}
${SECRETS}
${JSON_OPT}
Exit codes: 0 sent, 1 invalid rows or MiniCRM refused, 2 unusable file or settings.`,
  'check-connection': (cmd) => `Usage: ${cmd} check-connection [options]
Tests the MiniCRM System Id and API key, writing a probe file to the upload folder and the public URL.
${DB}
${SECRETS}
${JSON_OPT}
Exit codes: 0 everything works, 1 a part failed.`,
  config: (cmd) => `Usage: ${cmd} config show [--json] | ${cmd} config set KEY VALUE
Connection settings used by publish and sync (KEY "upload.kind" takes sftp, https, minicrm or none).
A secret KEY (minicrm.apiKey, upload.password, …) is stored in the secrets file, or in the app's
keychain when the installed app runs the command; VALUE "-" reads it from standard input.
${DB}
${SECRETS}
Exit codes: 0 done, 2 unknown key or bad value.`,
  schedule: (cmd) => `Usage: ${cmd} schedule list [--json] | ${cmd} schedule run ID [--json]
Automatic syncs are set up in the app (Settings > Automatic sync), which registers each with the
operating system; "run" is what the system starts. A run takes the newest matching file, skips when
another sync is running, when the file did not change or MiniCRM's hourly limit is used up, and
sends only what changed. Its outcome is shown in the app and in "history" (marked scheduled).
${DB}
${SECRETS}
${JSON_OPT}
Exit codes: 0 sent, nothing to send or skipped, 1 the sync failed, 2 unknown schedule or unusable settings,
4 the disk is full.`,
  verify: (cmd) => `Usage: ${cmd} verify RUN|last [options]
Reads the cards a delivered run sent back from MiniCRM (R3 API) and compares them: each matches, differs
(field: sent -> found), is not there yet, or cannot be compared. Every card of a run of up to 50, else a
random sample plus the cards named. While MiniCRM is still importing it tries again after 1, 2, 5, 10,
15 and 30 minutes (Ctrl+C stops; what was checked is kept). At most 60 R3 requests a minute.
  --sample N         Cards drawn at random from a bigger run (default 30).
  --ids A,B          Cards to check as well (Project Ids the run sent).
  --no-wait          One look only, no tries later.
  --export FILE      Save the report (.xlsx or .csv).
${DB}
${SECRETS}
${JSON_OPT}
Exit codes: 0 every card checked is there as sent, 1 a card differs or is not there, 2 the run cannot be checked, 130 stopped.`,
  undo: (cmd) => `Usage: ${cmd} undo RUN [options]
Builds a restore feed that puts back, on every card the run changed, the values it overwrote (where no
later sync changed them again), and sends it as a new run. A feed cannot delete the cards the run
created or empty values that were empty before: they are listed to do by hand in MiniCRM.
  --dry-run          Only say what it would put back; nothing is written or sent.
  --export FILE      Save the list of what the restore cannot undo (.xlsx or .csv).
  --out-dir FOLDER   Where the restore feed is written (default: the app's feeds folder).
${DB}
${SECRETS}
${JSON_OPT}
Exit codes: 0 sent (or nothing to put back), 1 the sync failed, 2 the run cannot be undone, 3 another sync is running.`,
  cells: (cmd) => `Usage: ${cmd} cells <file> [--sheet S] [--json] | ${cmd} cells <file> --sheets
What the app read from a file, cell for cell, before header detection and mapping, from the same reader
the app uses. Every row from row 1 (an empty row too), every column from A.
  --sheets           The sheet names in workbook order (hidden ones too), one a line.
  --sheet S          The sheet to write (default: the first with data).
  --json             One JSON array per row: null for an empty cell, a string, a number, true/false,
                     {"date": "2021-01-01"} or {"date": "2021-01-01T10:10:10"}, {"time": "10:10:10"} for a
                     time or duration, {"error": "#DIV/0!"}, {"formula": "A2*2"} for one saved without its
                     result. Without --json the sheet is written as CSV, as the sheet shows it (15%, dates
                     in ISO 8601).
  --encoding E       Text encoding of a CSV (default: detected).
  --delimiter D      Field delimiter of a CSV (default: detected; "tab" for tabs).
Exit codes: 0 read, 2 the file cannot be read or has no such sheet.`,
};

export function commandHelp(command: string, cmd = 'npm run cli --'): string | null {
  return COMMAND_HELP[command]?.(cmd) ?? null;
}
