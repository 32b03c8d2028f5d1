/**
 * A job's scratch database: a temporary SQLite file beside nothing else, so that what a file of any
 * size produces stays on disk instead of in memory: the rows of Projects whose rows lie apart
 * (put together at the end of a read) and every row with problems (what the Check screen pages
 * and fixes). Deleted with the job, or with the Check session that keeps it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RowIssue } from '../../../shared/domain/issue';
import type { Db } from './sql-util';

export interface StoredProblem {
  row: number;
  id: string | null;
  errors: number;
  warnings: number;
  issues: RowIssue[];
}

export interface SplitRow {
  row: number;
  rejected: boolean;
  /** The row's one-row project, packed (packed-project.ts). */
  packed: string;
}

const SCHEMA = `
  CREATE TABLE split_rows (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, row INTEGER NOT NULL, rejected INTEGER NOT NULL, packed BLOB NOT NULL);
  CREATE TABLE problems (row INTEGER PRIMARY KEY, id TEXT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, issues TEXT NOT NULL);
  CREATE INDEX problems_id ON problems(id) WHERE id IS NOT NULL;
`;

export class ScratchStore {
  private readonly db: Db;
  private readonly insertSplit;
  private readonly upsertProblem;

  private constructor(readonly dir: string, readonly file: string, opts: { nativeBinding?: string; create: boolean }) {
    this.db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    // Scratch data: a crash loses nothing worth keeping, so no journal waits on the disk.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -8192');
    if (opts.create) this.db.exec(SCHEMA);
    this.insertSplit = this.db.prepare('INSERT INTO split_rows (id, row, rejected, packed) VALUES (?, ?, ?, ?)');
    this.upsertProblem = this.db.prepare(
      `INSERT INTO problems (row, id, errors, warnings, issues) VALUES (@row, @id, @errors, @warnings, @issues)
       ON CONFLICT(row) DO UPDATE SET id = excluded.id, errors = excluded.errors, warnings = excluded.warnings, issues = excluded.issues`);
  }

  /** A new store in a fresh temporary folder. */
  static create(opts: { nativeBinding?: string } = {}): ScratchStore {
    const dir = mkdtempSync(join(tmpdir(), 'minicrm-sync-'));
    return new ScratchStore(dir, join(dir, 'scratch.sqlite'), { ...opts, create: true });
  }

  /** Opens a store another thread made (the Check session takes over a validate job's store). */
  static open(file: string, dir: string, opts: { nativeBinding?: string } = {}): ScratchStore {
    return new ScratchStore(dir, file, { ...opts, create: false });
  }

  /** Rows of split Ids, in row order (one transaction). */
  addSplit(ids: readonly string[], rows: readonly number[], rejected: readonly boolean[], packed: Uint8Array, ends: readonly number[]): void {
    this.db.transaction(() => {
      for (let i = 0; i < ids.length; i++) {
        this.insertSplit.run(ids[i], rows[i], rejected[i] ? 1 : 0, packed.subarray(i === 0 ? 0 : ends[i - 1], ends[i]));
      }
    })();
  }

  /**
   * The split Ids in the order of their first rows, cut into parts of `size` Ids: each part is the
   * first rows [from, to) of its Ids (reading threads finish one part each). Once, after the last rows are in.
   */
  splitParts(size: number): Array<{ from: number; to: number }> {
    // Indexed once all rows are in: keeping indexes up to date row by row costs several times more.
    this.db.exec(`
      CREATE INDEX split_rows_id ON split_rows(id, row);
      CREATE TABLE split_ids AS SELECT id, MIN(row) AS first_row FROM split_rows GROUP BY id;
      CREATE INDEX split_ids_first ON split_ids(first_row);`);
    const firsts = this.db.prepare<[], number>('SELECT first_row FROM split_ids ORDER BY first_row').pluck().all();
    const parts: Array<{ from: number; to: number }> = [];
    for (let i = 0; i < firsts.length; i += size) {
      const next = firsts[i + size];
      parts.push({ from: firsts[i]!, to: next ?? firsts[firsts.length - 1]! + 1 });
    }
    return parts;
  }

  /** Each split Id whose first row is in [from, to) with its rows in row order, the Ids in the order of their first rows. */
  *splitProjects(from: number, to: number): Generator<{ id: string; rows: SplitRow[] }> {
    const stmt = this.db.prepare<[number, number], [string, number, number, Buffer]>(
      `SELECT r.id, r.row, r.rejected, r.packed FROM split_ids i JOIN split_rows r ON r.id = i.id
       WHERE i.first_row >= ? AND i.first_row < ? ORDER BY i.first_row`).raw();
    let current: { id: string; rows: SplitRow[] } | null = null;
    // Row by row: a part's rows never pile up (they die young); the read lock lasts one part.
    for (const [id, row, rejected, packed] of stmt.iterate(from, to)) {
      if (current && current.id !== id) {
        yield sortRows(current);
        current = null;
      }
      current ??= { id, rows: [] };
      current.rows.push({ row, rejected: rejected === 1, packed: packed.toString('utf8') });
    }
    if (current) yield sortRows(current);
  }

  /** Rows with problems (a row met again, e.g. with merge conflicts found later, is replaced). */
  putProblems(rows: readonly StoredProblem[]): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const p of rows) this.upsertProblem.run({ row: p.row, id: p.id, errors: p.errors, warnings: p.warnings, issues: JSON.stringify(p.issues) });
    })();
  }

  /** Problems found later for rows that may have some already (merge conflicts): added to theirs. */
  appendProblems(rows: readonly StoredProblem[]): void {
    const merged = rows.map((p) => {
      const had = this.problem(p.row);
      return had ? { ...had, errors: had.errors + p.errors, warnings: had.warnings + p.warnings, issues: [...had.issues, ...p.issues] } : p;
    });
    this.putProblems(merged);
  }

  problem(row: number): StoredProblem | null {
    const r = this.db.prepare<[number], ProblemRecord>('SELECT * FROM problems WHERE row = ?').get(row);
    return r ? toProblem(r) : null;
  }

  problems(rows: readonly number[]): Map<number, StoredProblem> {
    const out = new Map<number, StoredProblem>();
    const stmt = this.db.prepare<[number], ProblemRecord>('SELECT * FROM problems WHERE row = ?');
    for (const n of rows) {
      const r = stmt.get(n);
      if (r) out.set(n, toProblem(r));
    }
    return out;
  }

  /** Problem rows in row order: `offset`.., at most `limit` (skipping rows in `excluded`, if given). */
  problemPage(offset: number, limit: number): StoredProblem[] {
    return this.db.prepare<[number, number], ProblemRecord>('SELECT * FROM problems ORDER BY row LIMIT ? OFFSET ?')
      .all(limit, offset).map(toProblem);
  }

  /** Position of `row` among the problem rows in row order; null: that row has no problem. */
  problemIndex(row: number): number | null {
    const hit = this.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM problems WHERE row = ?').get(row)!.n;
    if (hit === 0) return null;
    return this.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM problems WHERE row < ?').get(row)!.n;
  }

  *allProblems(): Generator<StoredProblem> {
    for (const r of this.db.prepare<[], ProblemRecord>('SELECT * FROM problems ORDER BY row').iterate()) yield toProblem(r);
  }

  problemCount(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM problems').get()!.n;
  }

  /** Rows of this Id that have errors, other than `row`. */
  errorRowsOf(id: string, exceptRow: number): number[] {
    return this.db.prepare<[string, number], { row: number }>('SELECT row FROM problems WHERE id = ? AND errors > 0 AND row <> ?')
      .all(id, exceptRow).map((r) => r.row);
  }

  removeProblem(row: number): void {
    this.db.prepare('DELETE FROM problems WHERE row = ?').run(row);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Closes the store and deletes its folder. */
  remove(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** An Id's few rows in row order (sorted here: cheaper than asking SQLite to sort every part). */
function sortRows(p: { id: string; rows: SplitRow[] }): { id: string; rows: SplitRow[] } {
  if (p.rows.length > 1) p.rows.sort((a, b) => a.row - b.row);
  return p;
}

interface ProblemRecord { row: number; id: string | null; errors: number; warnings: number; issues: string }

const toProblem = (r: ProblemRecord): StoredProblem => ({
  row: r.row, id: r.id, errors: r.errors, warnings: r.warnings, issues: JSON.parse(r.issues) as RowIssue[],
});
