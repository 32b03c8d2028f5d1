/**
 * 011: the delivery history (007) for databases that passed over it.
 *
 * 007 was written beside 008 and 009, which reached users first: a database they brought to
 * version 9 never ran 007, because migrate() applies only versions above the database's own. Here
 * 007 runs, as it was written, where its tables are missing; where 007 ran, nothing happens.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATION_007 } from './007-delivery-history';

export const MIGRATION_011 = '';

export function upgrade011(db: BetterSqlite3.Database): void {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'delivery_history'").get();
  if (!has) db.exec(MIGRATION_007);
}
