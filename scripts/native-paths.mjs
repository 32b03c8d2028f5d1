// Where the Electron build of better-sqlite3 lives. Shared by scripts/ensure-electron-sqlite.mjs
// (which puts it there) and electron/main (which passes it to better-sqlite3 as `nativeBinding`).
// node_modules/better-sqlite3/build stays the Node build that `npm test` and the CLI load.
import { join } from 'node:path';

export const NATIVE_DIR = '.native';
export const BINDING_FILE = 'better_sqlite3.node';
/** Folder under the packaged app's resources (electron-builder extraResources `to`). */
export const PACKAGED_DIR = 'native';

/** `electron-39.8.10-linux-x64`: one cache folder per Electron version, platform and CPU. */
export function nativeDirName(electronVersion, platform, arch) {
  if (!/^\d+\.\d+\.\d+/.test(electronVersion)) throw new Error(`Not an Electron version: ${electronVersion}`);
  return `electron-${electronVersion}-${platform}-${arch}`;
}

/** The cached binding for development (`npm start`) and the source of the packaged copy. */
export function cachedBindingPath(root, electronVersion, platform, arch) {
  return join(root, NATIVE_DIR, nativeDirName(electronVersion, platform, arch), BINDING_FILE);
}

/** Version-free copy that electron-builder ships (`.native/package/<platform>-<arch>/`). */
export function packageBindingPath(root, platform, arch) {
  return join(root, NATIVE_DIR, 'package', `${platform}-${arch}`, BINDING_FILE);
}

/**
 * The binding the running app loads: from the installer's resources when packaged, else from the
 * project's cache folder (the app path is the project root under `npm start`).
 */
export function runtimeBindingPath({ isPackaged, resourcesPath, appPath, electronVersion, platform, arch }) {
  if (isPackaged) return join(resourcesPath, PACKAGED_DIR, BINDING_FILE);
  return cachedBindingPath(appPath, electronVersion, platform, arch);
}
