import { MIGRATION_001 } from './001-initial';

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
];
