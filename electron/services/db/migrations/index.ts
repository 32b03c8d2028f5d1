import { MIGRATION_001 } from './001-initial';
import { MIGRATION_002 } from './002-parked-headers';

/**
 * Every migration in order; `version` is the PRAGMA user_version a database has after it ran.
 * Append only: a released entry is never edited or reordered.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001-initial', sql: MIGRATION_001 },
  { version: 2, name: '002-parked-headers', sql: MIGRATION_002 },
];
