import type BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;

export const nowIso = (): string => new Date().toISOString();

/**
 * Prepared statements for `... IN (?, ?, …)` lookups, one per chunk size and reused, so a million
 * ids cost a few thousand executions of the same compiled statements instead of a million prepares.
 */
export class InListQuery<Row> {
  private readonly cache = new Map<number, BetterSqlite3.Statement<unknown[], Row>>();
  constructor(
    private readonly db: Db,
    private readonly sqlFor: (placeholders: string) => string,
    private readonly chunk = 500,
  ) {}

  all(ids: readonly string[]): Row[] {
    const out: Row[] = [];
    for (let i = 0; i < ids.length; i += this.chunk) {
      const part = ids.slice(i, i + this.chunk);
      let stmt = this.cache.get(part.length);
      if (!stmt) {
        stmt = this.db.prepare<unknown[], Row>(this.sqlFor(new Array(part.length).fill('?').join(',')));
        this.cache.set(part.length, stmt);
      }
      for (const row of stmt.all(...part)) out.push(row);
    }
    return out;
  }
}
