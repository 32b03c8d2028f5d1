import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultDbPath, openDatabase, type AppDatabase } from '../services/db/database';
import type { CliIo } from './io';

/** The CLI shares the app's database unless `--db PATH` (or MINICRM_SYNC_DB) says otherwise. */
export function openCliDatabase(path: string | undefined, io: CliIo): AppDatabase {
  const file = path ?? io.env.MINICRM_SYNC_DB ?? defaultDbPath();
  mkdirSync(dirname(file), { recursive: true });
  const nativeBinding = io.host?.nativeBinding;
  return openDatabase(file, nativeBinding ? { nativeBinding } : {});
}
