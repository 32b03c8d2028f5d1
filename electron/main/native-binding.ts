import { existsSync } from 'node:fs';
import { runtimeBindingPath } from '../../scripts/native-paths.mjs';
import { logError } from '../services/log';

/**
 * The better-sqlite3 binding built for Electron (docs/native-modules.md). Undefined when it is
 * missing, after saying how to get it: better-sqlite3 would otherwise load the Node build and
 * fail with an unreadable ABI error.
 */
export function electronSqliteBinding(app: { isPackaged: boolean; getAppPath(): string }): string | undefined {
  const file = runtimeBindingPath({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron ?? '0.0.0',
    platform: process.platform,
    arch: process.arch,
  });
  if (existsSync(file)) return file;
  logError(`better-sqlite3 for Electron not found at ${file}; run: node scripts/ensure-electron-sqlite.mjs`);
  return undefined;
}
