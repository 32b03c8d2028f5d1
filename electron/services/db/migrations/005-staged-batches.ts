/**
 * 005: a run's staged projects are kept one row per batch (an encoded list of thousands of
 * projects) instead of one row per project, and `delivered` gets a covering index for the delta's
 * hash lookups.
 *
 * Why: a million-project build spent ~6 s inserting a million staged rows plus their index
 * entries; a batch is one BLOB write. And every build looks up the delivered hash of each project
 * id: through the primary key's index that was an index search plus a fetch from table pages
 * packed with ~600-character values; (project_id, hash) answers it from the index alone.
 *
 * Existing staged rows are converted in staging (rowid) order, so when a run staged an id twice
 * the later row still wins on markDelivered. Self-contained on purpose (like 002): it carries a
 * frozen copy of format 1 of delta/staged-codec.ts rather than importing the live encoder.
 */
import type BetterSqlite3 from 'better-sqlite3';

export const MIGRATION_005 = `
CREATE TABLE run_batches (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq    INTEGER NOT NULL,
  count  INTEGER NOT NULL,
  data   BLOB    NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX delivered_hash ON delivered(project_id, hash);
`;

interface Row {
  id: string;
  hash: string;
  packed: string;
}

const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Format 1 of staged-codec.ts: u8 format, u32 count, u32 byte lengths ×3 per row, body. */
export function encodeBatch005(rows: readonly Row[]): Buffer {
  const utf8 = rows.every((r) => wellFormed(r.id) && wellFormed(r.hash) && wellFormed(r.packed));
  const enc = utf8 ? 'utf8' : 'utf16le';
  const head = Buffer.alloc(5 + 12 * rows.length);
  head[0] = utf8 ? 1 : 2;
  head.writeUInt32LE(rows.length, 1);
  const parts: Buffer[] = [head];
  rows.forEach((r, i) => {
    const fields = [Buffer.from(r.id, enc), Buffer.from(r.hash, enc), Buffer.from(r.packed, enc)];
    fields.forEach((f, k) => head.writeUInt32LE(f.length, 5 + 12 * i + 4 * k));
    parts.push(...fields);
  });
  return Buffer.concat(parts);
}

const BATCH = 2000;

export function upgrade005(db: BetterSqlite3.Database): void {
  const runs = db.prepare<[], { run_id: number }>('SELECT DISTINCT run_id FROM run_projects ORDER BY run_id').all();
  const read = db.prepare<[number, number], Row & { rowid: number }>(
    `SELECT rowid, project_id AS id, hash, packed FROM run_projects WHERE run_id = ? AND rowid > ? ORDER BY rowid LIMIT ${BATCH}`,
  );
  const write = db.prepare('INSERT INTO run_batches (run_id, seq, count, data) VALUES (?, ?, ?, ?)');
  for (const { run_id: runId } of runs) {
    let after = 0;
    for (let seq = 0; ; seq++) {
      // In pages: a statement cannot write while another one is still iterating.
      const rows = read.all(runId, after);
      if (rows.length === 0) break;
      write.run(runId, seq, rows.length, encodeBatch005(rows));
      after = rows.at(-1)!.rowid;
    }
  }
  db.exec('DROP TABLE run_projects');
}
