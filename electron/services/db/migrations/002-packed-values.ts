/**
 * 002: stored project values change from a JSON array to the length-prefixed packed string (see
 * delta/packed-project.ts for why), and the column loses its misleading name. The content hash is
 * the SHA-1 of the stored string, so every stored hash is recomputed here too; otherwise every
 * project would look "changed" once after the update.
 *
 * Self-contained on purpose: a migration must keep doing exactly this even after the app's own
 * packing code moves on, so it carries its own small encoder instead of importing the current one.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

export const MIGRATION_002 = `
ALTER TABLE delivered RENAME COLUMN values_json TO packed;
ALTER TABLE run_projects RENAME COLUMN values_json TO packed;
`;

type Nested = string | Nested[];

/** The packed string of a nested array of strings: `<length>:<chars>` per string, `[…]` per list. */
export function encodeNested(v: Nested): string {
  if (typeof v === 'string') return `${v.length}:${v}`;
  let out = '[';
  for (const x of v) out += encodeNested(x);
  return `${out}]`;
}

function convertTable(db: BetterSqlite3.Database, table: 'delivered' | 'run_projects'): void {
  const read = db.prepare<[number], { rowid: number; packed: string }>(
    `SELECT rowid, packed FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 5000`,
  );
  const write = db.prepare(`UPDATE ${table} SET packed = ?, hash = ? WHERE rowid = ?`);
  let after = 0;
  for (;;) {
    // In pages: a statement cannot write while another one is still iterating.
    const rows = read.all(after);
    if (rows.length === 0) return;
    for (const r of rows) {
      const packed = encodeNested(JSON.parse(r.packed) as Nested);
      write.run(packed, createHash('sha1').update(packed).digest('hex'), r.rowid);
    }
    after = rows.at(-1)!.rowid;
  }
}

export function upgrade002(db: BetterSqlite3.Database): void {
  convertTable(db, 'delivered');
  convertTable(db, 'run_projects');
}
