/**
 * A job's scratch folder and database: a temporary SQLite file, so that what a file of any size
 * produces stays on disk instead of in memory: every row with problems (what the Check screen
 * pages and fixes); beside it the piles of rows of Projects whose rows lie apart (split-piles.ts)
 * and a spreadsheet's spool. Deleted with the job, or with the Check session that keeps it.
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

const SCHEMA = `
  CREATE TABLE problems (row INTEGER PRIMARY KEY, id TEXT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, issues TEXT NOT NULL);
  CREATE INDEX problems_id ON problems(id) WHERE id IS NOT NULL;
`;

export class ScratchStore {
  private readonly db: Db;
  private readonly upsertProblem;

  private constructor(readonly dir: string, readonly file: string, opts: { nativeBinding?: string; create: boolean }) {
    this.db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    // Scratch data: a crash loses nothing worth keeping, so no journal waits on the disk.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -8192');
    if (opts.create) this.db.exec(SCHEMA);
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

  /** Rows with problems (a row met again is replaced). */
  putProblems(rows: readonly StoredProblem[]): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const p of rows) this.upsertProblem.run({ row: p.row, id: p.id, errors: p.errors, warnings: p.warnings, issues: JSON.stringify(p.issues) });
    })();
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
interface ProblemRecord { row: number; id: string | null; errors: number; warnings: number; issues: string }

const toProblem = (r: ProblemRecord): StoredProblem => ({
  row: r.row, id: r.id, errors: r.errors, warnings: r.warnings, issues: JSON.parse(r.issues) as RowIssue[],
});
