import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATION_001 } from './001-initial';
import { MIGRATION_002, upgrade002 } from './002-packed-values';
import { MIGRATION_003 } from './003-run-error-codes';
import { MIGRATION_004 } from './004-parked-headers';
import { MIGRATION_005, upgrade005 } from './005-staged-batches';
import { MIGRATION_006 } from './006-run-owners-and-lock';
import { MIGRATION_007 } from './007-delivery-history';
import { MIGRATION_008 } from './008-schedules';
import { MIGRATION_009, upgrade009 } from './009-delivered-fields';
import { MIGRATION_011, upgrade011 } from './011-delivery-history-late';

/**
 * Every migration in order; `version` is the PRAGMA user_version a database has after it ran.
 * Append only: a released entry is never edited or reordered.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data changes SQL cannot express, run after `sql` in the same transaction. */
  up?: (db: BetterSqlite3.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001-initial', sql: MIGRATION_001 },
  { version: 2, name: '002-packed-values', sql: MIGRATION_002, up: upgrade002 },
  { version: 3, name: '003-run-error-codes', sql: MIGRATION_003 },
  { version: 4, name: '004-parked-headers', sql: MIGRATION_004 },
  { version: 5, name: '005-staged-batches', sql: MIGRATION_005, up: upgrade005 },
  { version: 6, name: '006-run-owners-and-lock', sql: MIGRATION_006 },
  { version: 7, name: '007-delivery-history', sql: MIGRATION_007 },
  { version: 8, name: '008-schedules', sql: MIGRATION_008 },
  { version: 9, name: '009-delivered-fields', sql: MIGRATION_009, up: upgrade009 },
  { version: 11, name: '011-delivery-history-late', sql: MIGRATION_011, up: upgrade011 },
];
