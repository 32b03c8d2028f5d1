/**
 * 001: the whole first schema. Migrations are append-only: never edit a released one, add 002-….
 * Kept as a TS string (not a .sql file) so the bundler carries it into the Electron build.
 */
export const MIGRATION_001 = `
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  started_at      TEXT    NOT NULL,
  finished_at     TEXT,
  source_name     TEXT,
  source_path     TEXT,
  source_size     INTEGER,
  source_sha256   TEXT,
  sheet           TEXT,
  profile_name    TEXT,
  profile_json    TEXT,
  mode            TEXT,
  count_rows      INTEGER NOT NULL DEFAULT 0,
  count_projects  INTEGER NOT NULL DEFAULT 0,
  count_written   INTEGER NOT NULL DEFAULT 0,
  count_unchanged INTEGER NOT NULL DEFAULT 0,
  count_rejected  INTEGER NOT NULL DEFAULT 0,
  count_errors    INTEGER NOT NULL DEFAULT 0,
  count_warnings  INTEGER NOT NULL DEFAULT 0,
  issues_total    INTEGER NOT NULL DEFAULT 0,
  feed_path       TEXT,
  feed_size       INTEGER,
  feed_sha256     TEXT,
  upload_target   TEXT,
  uploaded_at     TEXT,
  public_url      TEXT,
  sync_status     INTEGER,
  sync_body       TEXT,
  synced_at       TEXT,
  error           TEXT,
  resend_of       INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  owner_pid       INTEGER
);
CREATE INDEX runs_status ON runs(status);
CREATE INDEX runs_started ON runs(started_at);

-- Only the first N issues of a run are kept (see RunRepository); runs.issues_total stays exact.
CREATE TABLE run_issues (
  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  row         INTEGER NOT NULL,
  column_name TEXT    NOT NULL,
  field       TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  severity    TEXT    NOT NULL,
  code        TEXT    NOT NULL,
  message     TEXT    NOT NULL,
  params_json TEXT,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

-- The projects a run's feed holds, staged until a confirmed SyncFeed copies them into delivered.
CREATE TABLE run_projects (
  run_id     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  project_id TEXT    NOT NULL,
  hash       TEXT    NOT NULL,
  values_json  TEXT    NOT NULL
);
CREATE INDEX run_projects_run ON run_projects(run_id);

-- The delta baseline: per Project Id what MiniCRM last confirmed. Advanced only by markDelivered.
CREATE TABLE delivered (
  project_id   TEXT    NOT NULL PRIMARY KEY,
  hash         TEXT    NOT NULL,
  values_json    TEXT    NOT NULL,
  run_id       INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  delivered_at TEXT    NOT NULL
);

CREATE TABLE profiles (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  name               TEXT    NOT NULL UNIQUE,
  json               TEXT    NOT NULL,
  header_fingerprint TEXT,
  created_at         TEXT    NOT NULL,
  updated_at         TEXT    NOT NULL
);
CREATE INDEX profiles_fingerprint ON profiles(header_fingerprint);

CREATE TABLE settings (
  key        TEXT NOT NULL PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Ciphertext only (Electron safeStorage output); the plain secret never reaches SQLite.
CREATE TABLE secret_blobs (
  name       TEXT NOT NULL PRIMARY KEY,
  blob       BLOB NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE schema_cache (
  category_id TEXT NOT NULL PRIMARY KEY,
  json        TEXT NOT NULL,
  fetched_at  TEXT NOT NULL
);

CREATE TABLE host_keys (
  host        TEXT    NOT NULL,
  port        INTEGER NOT NULL,
  algorithm   TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  accepted_at TEXT    NOT NULL,
  PRIMARY KEY (host, port)
);

CREATE TABLE reference_batches (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  batch_no    INTEGER NOT NULL,
  count       INTEGER NOT NULL,
  http_status INTEGER,
  body        TEXT,
  created_at  TEXT    NOT NULL
);
CREATE INDEX reference_batches_run ON reference_batches(run_id);

CREATE TABLE parked_rows (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_name TEXT    NOT NULL,
  source_name  TEXT    NOT NULL,
  row          INTEGER NOT NULL,
  cells_json   TEXT    NOT NULL,
  issues_json  TEXT    NOT NULL,
  parked_at    TEXT    NOT NULL
);
CREATE INDEX parked_rows_profile ON parked_rows(profile_name);

CREATE TABLE recent_files (
  path      TEXT    NOT NULL PRIMARY KEY,
  name      TEXT    NOT NULL,
  size      INTEGER,
  opened_at TEXT    NOT NULL
);

-- One row per request MiniCRM rate-limits (180 SyncFeed/hour, 60 R3/minute).
CREATE TABLE api_calls (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('syncfeed', 'r3')),
  at   TEXT NOT NULL
);
CREATE INDEX api_calls_kind_at ON api_calls(kind, at);
`;
