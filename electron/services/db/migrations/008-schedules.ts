/**
 * 008: automatic syncs. `schedules` holds what the user set up (Settings > Automatic sync);
 * `schedule_runs` one row per time the operating system started one, also when it only skipped
 * (another sync running, file unchanged, hourly limit) — that is what "last ran" and the failure
 * shown at the next start are made of. `runs.schedule_id` marks the history's scheduled runs; it
 * has no foreign key so a run keeps its mark after its schedule is removed.
 */
export const MIGRATION_008 = `
CREATE TABLE schedules (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL,
  profile_id  INTEGER NOT NULL,
  source_json TEXT    NOT NULL,
  when_json   TEXT    NOT NULL,
  mode        TEXT    NOT NULL CHECK (mode IN ('changed', 'full')),
  enabled     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);

CREATE TABLE schedule_runs (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  schedule_id       INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  started_at        TEXT    NOT NULL,
  finished_at       TEXT,
  outcome           TEXT    NOT NULL,
  run_id            INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  source_path       TEXT,
  source_size       INTEGER,
  source_mtime_ms   REAL,
  source_sha256     TEXT,
  profile_updated_at TEXT,
  error             TEXT,
  error_code        TEXT,
  error_params_json TEXT,
  seen_at           TEXT,
  owner_pid         INTEGER
);
CREATE INDEX schedule_runs_schedule ON schedule_runs(schedule_id, id);

ALTER TABLE runs ADD COLUMN schedule_id INTEGER;
`;
