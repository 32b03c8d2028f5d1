export const COMMANDS = ['inspect', 'validate', 'build', 'diff', 'history', 'publish', 'sync', 'refs', 'check-connection', 'config', 'help', 'cells'];

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
  cells <file> [--sheet S] [--json] | cells <file> --sheets
      What the app read, cell for cell (before header detection and mapping): the sheet as CSV, or with
      --json one JSON array per row from row 1; --sheets lists the sheet names in workbook order.

--profile takes a profile JSON file or the name of a profile saved in the app.
The database is the app's own unless --db PATH or MINICRM_SYNC_DB is given.`;
}
