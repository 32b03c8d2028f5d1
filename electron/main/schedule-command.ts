/**
 * The command an automatic sync's OS entry starts, before `schedule run <id> --db <file>`:
 * - Linux/macOS installed: the shipped launcher `resources/bin/minicrm-sync` (it finds the app's
 *   binary, and on Linux the desktop session's keyring bus and a display-less mode);
 * - Windows: the app's .exe with `--cli` directly (a .cmd would flash a console window each run);
 * - an AppImage: the AppImage file itself with `--cli` (its resources live in a mount that moves);
 * - a checkout (`npm start`): Electron with the app folder and `--cli`.
 * On Linux the keyring the app's secrets were encrypted with is named (`--password-store`): a
 * scheduler starts us outside the desktop session, where Chromium would otherwise guess none.
 */
import { join } from 'node:path';
import type { ScheduledCommand } from '../services/schedule/os-entry';

export interface CommandContext {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  execPath: string;
  resourcesPath: string;
  appPath: string;
  /** $APPIMAGE when running from an AppImage. */
  appImage?: string;
  /** safeStorage.getSelectedStorageBackend() (Linux). */
  storageBackend?: string;
}

const PASSWORD_STORES: Record<string, string> = {
  gnome_libsecret: 'gnome-libsecret', kwallet: 'kwallet', kwallet5: 'kwallet5', kwallet6: 'kwallet6',
};

export function scheduledCommand(c: CommandContext): ScheduledCommand {
  const store = c.platform === 'linux' && c.storageBackend ? PASSWORD_STORES[c.storageBackend] : undefined;
  // A scheduled run opens no window: on Linux it must not need a display either (cron has none).
  const keyring = [...(c.platform === 'linux' ? ['--ozone-platform=headless'] : []), ...(store ? [`--password-store=${store}`] : [])];
  if (!c.isPackaged) return { program: c.execPath, args: [c.appPath, '--cli', ...keyring] };
  if (c.platform === 'win32') return { program: c.execPath, args: ['--cli'] };
  if (c.platform === 'linux' && c.appImage) return { program: c.appImage, args: ['--cli', ...keyring] };
  return { program: join(c.resourcesPath, 'bin', 'minicrm-sync'), args: store ? [`--password-store=${store}`] : [] };
}
