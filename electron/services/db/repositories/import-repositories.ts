import { nowIso, type Db } from '../sql-util';

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
