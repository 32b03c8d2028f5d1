export const COMMANDS = ['inspect', 'validate', 'build', 'diff', 'history', 'publish', 'sync', 'refs', 'check-connection', 'config', 'help', 'verify', 'undo'];

export function helpText(): string {
  return `MiniCRM XML Sync — command line

Usage: npm run cli -- <command> [options]

  inspect <file> [--sheet S] [--header-row N] [--encoding E] [--delimiter D] [--json] [--save-profile P]
      Format, encoding, delimiter, sheets, header row, columns with samples, row count and a proposed profile.
  validate <file> --profile P [--sheet S] [--json]
      Checks every row. Exit 0: no errors, 1: some rows have errors, 2: the file or profile is unusable.
  build <file> --profile P --out FEED.xml [--changed-only|--full] [--strict] [--db PATH] [--json]
      Writes the MiniCRM XML feed of the valid projects and records the run.
  diff <file> --profile P [--db PATH] [--json]
      What would change in MiniCRM: new / changed (before -> after) / unchanged / rejected.
  history [--db PATH] [--json]
      Past runs, newest first.
  publish FEED.xml [--db PATH]          Upload a built feed and ask MiniCRM to sync it.
  sync <file> --profile P [--changed-only|--full]   Build + publish in one go.
  refs <file>                           Link existing MiniCRM cards to external ids (Reference Ids).
  check-connection                      Test MiniCRM credentials, the upload target and the public URL.
  config show | config set KEY VALUE    Connection settings used by publish/sync.
  verify RUN|last [--sample N] [--ids A,B] [--no-wait] [--export FILE] [--json]
      Reads the run's cards back from MiniCRM and compares them with what it sent (every card of a run
      of up to 50, else N at random, default 30, plus the given ids); waits while MiniCRM imports.
      Exit 1 when a card differs or is still not in MiniCRM.
  undo RUN [--dry-run] [--export FILE] [--json]
      Sends a restore feed putting back the values the run overwrote (where no later sync changed
      them); lists what a feed cannot undo (cards it created, values that were empty before).

--profile takes a profile JSON file or the name of a profile saved in the app.
The database is the app's own unless --db PATH or MINICRM_SYNC_DB is given.`;
}
