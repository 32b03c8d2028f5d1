/**
 * 006: surviving crashes, signals and each other.
 *
 * `sync_locks`: one sync/publish at a time per database and MiniCRM system. The row names its
 * holder (`app` or `cli`; free text, so a later kind of holder needs no migration), the profile and
 * since when, for the "another sync is running" sentence, and the holding process (pid, host, the
 * process's start time), so a lock whose process is gone (kill -9, power cut) is taken over
 * instead of blocking for ever.
 *
 * `runs.owner_host` / `runs.owner_started`: with `owner_pid`, the process that builds or publishes
 * a run. The start time tells a live process from an earlier one that had the same pid (the app's
 * job threads share its pid; a pid is reused after a reboot), so every opener of the database can
 * mark the runs of dead processes interrupted without touching a live one.
 *
 * `runs.upload_part`: where a `.part` of this run's feed may lie at the upload target (masked, no
 * secret) until it was renamed or removed; the next run of that target deletes it.
 */
export const MIGRATION_006 = `
CREATE TABLE sync_locks (
  system_id       TEXT    NOT NULL PRIMARY KEY,
  token           TEXT    NOT NULL,
  holder          TEXT    NOT NULL,
  profile_name    TEXT,
  pid             INTEGER NOT NULL,
  host            TEXT    NOT NULL,
  process_started INTEGER NOT NULL,
  acquired_at     TEXT    NOT NULL
);
ALTER TABLE runs ADD COLUMN owner_host TEXT;
ALTER TABLE runs ADD COLUMN owner_started INTEGER;
ALTER TABLE runs ADD COLUMN upload_part TEXT;
CREATE INDEX runs_open ON runs(id) WHERE finished_at IS NULL OR status = 'uploaded' OR upload_part IS NOT NULL;
`;
