/**
 * Where the app keeps its data. The CLI must find the very same SQLite file the Electron app uses,
 * without loading Electron, so the userData rule Electron applies is reproduced here:
 * `<appData>/<productName>`, appData being %APPDATA% (Windows), ~/Library/Application Support
 * (macOS) or $XDG_CONFIG_HOME / ~/.config (Linux).
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'MiniCRM XML Sync';
export const DB_FILE_NAME = 'minicrm-sync.sqlite';

/** The platform's appData folder, as Electron's `app.getPath('appData')` computes it. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return env.APPDATA || path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.join(home, '.config');
}

/** The app's userData folder; `MINICRM_SYNC_HOME` overrides it (tests, portable setups). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.MINICRM_SYNC_HOME;
  if (override) return path.resolve(override);
  return path.join(appDataDir(env, platform), PRODUCT_NAME);
}

/** The history database the app and (by default) the CLI use. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(userDataDir(env, platform), DB_FILE_NAME);
}
