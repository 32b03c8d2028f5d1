/**
 * 007: what each delivered run sent and what it overwrote, the checks of runs against MiniCRM,
 * and the restore runs that undo a delivered run.
 *
 * Why: `delivered` keeps only the latest state per project and only the newest builds keep their
 * staged batches, so neither "check in MiniCRM" for an older run nor "undo this sync" could know
 * what the run sent or what it replaced. markDelivered now keeps, per staged batch and in the same
 * transaction, a copy of the batch (`sent`), one byte per project saying what the delivery did to
 * it (`states`: unchanged, changed, new card) and the previous delivered state of the changed ones
 * (`overwritten`, staged-codec.ts layout: id, previous hash, previous packed values). Blobs per
 * batch, not rows per project: a million-project delivery is a few hundred rows here.
 *
 * Delivered runs that still have their staged batches get them copied as `sent` (what they
 * overwrote was never recorded: `complete` = 0, they can be checked but not undone).
 * Self-contained on purpose, like 002 and 005: plain SQL only.
 */
export const MIGRATION_007 = `
CREATE TABLE delivery_history (
  run_id      INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  complete    INTEGER NOT NULL,
  sent        INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  created     INTEGER NOT NULL,
  recorded_at TEXT    NOT NULL
);

CREATE TABLE delivery_batches (
  run_id            INTEGER NOT NULL REFERENCES delivery_history(run_id) ON DELETE CASCADE,
  seq               INTEGER NOT NULL,
  count             INTEGER NOT NULL,
  sent              BLOB    NOT NULL,
  overwritten_count INTEGER,
  overwritten       BLOB,
  states            BLOB,
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE verifications (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  state           TEXT    NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'failed')),
  started_at      TEXT    NOT NULL,
  finished_at     TEXT,
  sent            INTEGER NOT NULL DEFAULT 0,
  sample_size     INTEGER NOT NULL DEFAULT 0,
  attempt         INTEGER NOT NULL DEFAULT 0,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_try_at     TEXT,
  error_code      TEXT,
  error           TEXT,
  error_params_json TEXT,
  owner_pid       INTEGER
);
CREATE INDEX verifications_run ON verifications(run_id, id);

CREATE TABLE verification_cards (
  verification_id INTEGER NOT NULL REFERENCES verifications(id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,
  project_id      TEXT    NOT NULL,
  picked          INTEGER NOT NULL DEFAULT 0,
  status          TEXT    NOT NULL,
  note            TEXT,
  minicrm_id      TEXT,
  matched         INTEGER NOT NULL DEFAULT 0,
  fields_json     TEXT,
  checked_at      TEXT,
  PRIMARY KEY (verification_id, seq)
) WITHOUT ROWID;

CREATE TABLE restores (
  run_id       INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  undoes       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  summary_json TEXT    NOT NULL,
  created_at   TEXT    NOT NULL
);
CREATE INDEX restores_undoes ON restores(undoes);

CREATE TABLE restore_notes (
  run_id INTEGER NOT NULL REFERENCES restores(run_id) ON DELETE CASCADE,
  seq    INTEGER NOT NULL,
  count  INTEGER NOT NULL,
  data   BLOB    NOT NULL,
  PRIMARY KEY (run_id, seq)
);

INSERT INTO delivery_history (run_id, complete, sent, changed, created, recorded_at)
  SELECT r.id, 0, COALESCE((SELECT SUM(b.count) FROM run_batches b WHERE b.run_id = r.id), 0), 0, 0, COALESCE(r.finished_at, r.started_at)
  FROM runs r WHERE r.status = 'delivered' AND EXISTS (SELECT 1 FROM run_batches b WHERE b.run_id = r.id);
INSERT INTO delivery_batches (run_id, seq, count, sent, overwritten_count, overwritten, states)
  SELECT b.run_id, b.seq, b.count, b.data, NULL, NULL, NULL
  FROM run_batches b JOIN delivery_history h ON h.run_id = b.run_id ORDER BY b.run_id, b.seq;
`;
