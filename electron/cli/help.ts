export const COMMANDS = ['inspect', 'validate', 'build', 'diff', 'history', 'publish', 'sync', 'refs', 'check-connection', 'config', 'help'];

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
  publish FEED.xml [--db PATH] [--force]  Upload a built feed and ask MiniCRM to sync it (--force: even when
                                        a newer run was delivered since and it would roll projects back).
  sync <file> --profile P [--changed-only|--full]   Build + publish in one go.
  refs <file>                           Link existing MiniCRM cards to external ids (Reference Ids).
  check-connection                      Test MiniCRM credentials, the upload target and the public URL.
  config show | config set KEY VALUE    Connection settings used by publish/sync.

--profile takes a profile JSON file or the name of a profile saved in the app.
The database is the app's own unless --db PATH or MINICRM_SYNC_DB is given.
Exit codes: 0 done, 1 rows with errors or the sync failed, 2 unusable input or settings, 3 another sync is
running, 4 the disk is full, 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM (the README has the table).`;
}
