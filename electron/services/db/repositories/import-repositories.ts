import type { RowIssue } from '../../../../shared/domain/issue';
import { nowIso, type Db } from '../sql-util';

export interface ParkedRow {
  id: number;
  profileName: string;
  sourceName: string;
  row: number;
  cells: string[];
  issues: RowIssue[];
  parkedAt: string;
}

interface ParkedDbRow {
  id: number;
  profile_name: string;
  source_name: string;
  row: number;
  cells_json: string;
  issues_json: string;
  parked_at: string;
}

/** Invalid rows the user parked; they come back with the next import of the same profile. */
export class ParkedRowRepository {
  constructor(private readonly db: Db) {}

  /** Parks rows in one transaction; returns their ids. */
  park(profileName: string, sourceName: string, rows: ReadonlyArray<{ row: number; cells: readonly string[]; issues: readonly RowIssue[] }>): number[] {
    const stmt = this.db.prepare(
      'INSERT INTO parked_rows (profile_name, source_name, row, cells_json, issues_json, parked_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const at = nowIso();
    return this.db.transaction(() =>
      rows.map((r) => Number(stmt.run(profileName, sourceName, r.row, JSON.stringify(r.cells), JSON.stringify(r.issues), at).lastInsertRowid)),
    ).immediate();
  }

  list(profileName: string): ParkedRow[] {
    return this.db
      .prepare<[string], ParkedDbRow>('SELECT * FROM parked_rows WHERE profile_name = ? ORDER BY id')
      .all(profileName)
      .map((r) => ({
        id: r.id,
        profileName: r.profile_name,
        sourceName: r.source_name,
        row: r.row,
        cells: JSON.parse(r.cells_json) as string[],
        issues: JSON.parse(r.issues_json) as RowIssue[],
        parkedAt: r.parked_at,
      }));
  }

  count(profileName: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM parked_rows WHERE profile_name = ?').get(profileName)!.n;
  }

  /** Removes parked rows (taken back into an import, or discarded). */
  remove(ids: readonly number[]): void {
    const stmt = this.db.prepare('DELETE FROM parked_rows WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) stmt.run(id);
    }).immediate();
  }
}

export interface RecentFile {
  path: string;
  name: string;
  size: number | null;
  openedAt: string;
}

/** Recently opened source files for the Import screen. */
export class RecentFileRepository {
  constructor(
    private readonly db: Db,
    private readonly keep = 20,
  ) {}

  touch(path: string, name: string, size: number | null): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO recent_files (path, name, size, opened_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(path) DO UPDATE SET name = excluded.name, size = excluded.size, opened_at = excluded.opened_at`,
        )
        .run(path, name, size, nowIso());
      this.db
        .prepare('DELETE FROM recent_files WHERE path NOT IN (SELECT path FROM recent_files ORDER BY opened_at DESC LIMIT ?)')
        .run(this.keep);
    }).immediate();
  }

  list(limit = this.keep): RecentFile[] {
    return this.db
      .prepare<[number], { path: string; name: string; size: number | null; opened_at: string }>(
        'SELECT * FROM recent_files ORDER BY opened_at DESC, rowid DESC LIMIT ?',
      )
      .all(limit)
      .map((r) => ({ path: r.path, name: r.name, size: r.size, openedAt: r.opened_at }));
  }

  remove(path: string): void {
    this.db.prepare('DELETE FROM recent_files WHERE path = ?').run(path);
  }
}
