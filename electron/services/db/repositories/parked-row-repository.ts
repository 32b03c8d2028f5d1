import type { RowIssue } from '../../../../shared/domain/issue';
import { nowIso, type Db } from '../sql-util';

export interface ParkedRow {
  id: number;
  profileName: string;
  /** The file the row was first parked from, and its row number there (what the UI names it by). */
  sourceName: string;
  row: number;
  /** Header of each cell; null for rows parked before migration 002 (restored positionally). */
  headers: string[] | null;
  /** The exact file it was parked from (see sourceKey); null when unknown. */
  sourceKey: string | null;
  cells: string[];
  issues: RowIssue[];
  parkedAt: string;
}

/** One row to park: its cells with the header each came from. */
export interface RowToPark {
  row: number;
  /** The file it came from, when not the one named for the whole batch (a restored row). */
  sourceName?: string;
  /** The exact file it is parked from; null for a row that came from an earlier file. */
  sourceKey?: string | null;
  headers: readonly string[];
  cells: readonly string[];
  issues: readonly RowIssue[];
}

interface ParkedDbRow {
  id: number;
  profile_name: string;
  source_name: string;
  row: number;
  headers_json: string | null;
  source_key: string | null;
  cells_json: string;
  issues_json: string;
  parked_at: string;
}

/**
 * Invalid rows the user parked; they come back with every import of the same profile until they
 * are delivered (a sync that sent them) or, still invalid, parked again (updated in place). They
 * are never removed just for being shown, so closing the app mid-way loses none of them.
 */
export class ParkedRowRepository {
  constructor(private readonly db: Db) {}

  /** Parks rows in one transaction; returns their ids. */
  park(profileName: string, sourceName: string, rows: readonly RowToPark[]): number[] {
    const stmt = this.db.prepare(
      'INSERT INTO parked_rows (profile_name, source_name, source_key, row, headers_json, cells_json, issues_json, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const at = nowIso();
    return this.db.transaction(() =>
      rows.map((r) => Number(stmt.run(
        profileName, r.sourceName ?? sourceName, r.sourceKey ?? null, r.row, JSON.stringify(r.headers), JSON.stringify(r.cells), JSON.stringify(r.issues), at,
      ).lastInsertRowid)),
    ).immediate();
  }

  /**
   * A restored row parked again: new cells (the user's fixes), headers and issues; where it came
   * from (source name, row) stays, so its label does not change from import to import.
   * Returns how many of the ids still existed.
   */
  update(rows: ReadonlyArray<{ id: number } & Omit<RowToPark, 'row'>>): number {
    const stmt = this.db.prepare('UPDATE parked_rows SET headers_json = ?, cells_json = ?, issues_json = ?, parked_at = ? WHERE id = ?');
    const at = nowIso();
    return this.db.transaction(() =>
      rows.reduce((n, r) => n + stmt.run(JSON.stringify(r.headers), JSON.stringify(r.cells), JSON.stringify(r.issues), at, r.id).changes, 0),
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
        headers: r.headers_json === null ? null : (JSON.parse(r.headers_json) as string[]),
        sourceKey: r.source_key,
        cells: JSON.parse(r.cells_json) as string[],
        issues: JSON.parse(r.issues_json) as RowIssue[],
        parkedAt: r.parked_at,
      }));
  }

  count(profileName: string): number {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM parked_rows WHERE profile_name = ?').get(profileName)!.n;
  }

  /** Removes parked rows (delivered by a sync). */
  remove(ids: readonly number[]): void {
    const stmt = this.db.prepare('DELETE FROM parked_rows WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) stmt.run(id);
    }).immediate();
  }
}
