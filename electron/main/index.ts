/**
 * Electron main: single instance, database + services, typed IPC, the hardened window, the menu.
 * Everything testable lives in plain modules (security.ts, app-services.ts, ipc/…); this file only
 * connects them to Electron.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { homedir } from 'node:os';
import { app, BrowserWindow, ipcMain, Menu, Notification, safeStorage, shell } from 'electron';
import { eventChannel } from '../../shared/ipc/contract';
import type { Language } from '../../shared/ipc/types';
import { SafeStorageSecretStore } from '../services/publish/safe-storage-secret-store';
import { createAppServices, type AppServices } from './app-services';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc/handle';
import { effectiveLanguage } from './ipc/handlers/prefs';
import { fileFromArgv } from './locale';
import { buildMenuTemplate } from './menu-template';
import { electronSqliteBinding } from './native-binding';
import { isTrustedSender } from './security';
import { createMainWindow } from './window';
import { logError } from '../services/log';
import { cliArgvOf } from './cli-argv';
import { scheduledCommand } from './schedule-command';
import { detectScheduler, execRunner, type OsScheduler } from '../services/schedule/os-scheduler';

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const rendererFile = join(here, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).href;

let win: BrowserWindow | null = null;
let services: AppServices | null = null;
let pendingFile: string | null = fileFromArgv(process.argv);
let scheduler: Promise<OsScheduler | null> | null = null;

function openFile(path: string): void {
  if (win && !win.webContents.isLoading()) win.webContents.send(eventChannel('app:open-file'), { path });
  else pendingFile = path;
}

function setMenu(lang: Language): void {
  const template = buildMenuTemplate(lang, { isDev: !app.isPackaged, isMac: process.platform === 'darwin' }, {
    open: () => {
      void electronDialogs(() => win, () => lang).openSource().then((p) => p && openFile(p));
    },
    about: () => app.showAboutPanel(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  const nativeBinding = electronSqliteBinding(app);
  const language = (): Language => (services ? effectiveLanguage(services.deps) : 'en');
  services = createAppServices({
    userDataPath: app.getPath('userData'),
    ...(nativeBinding ? { nativeBinding } : {}),
    app: { version: app.getVersion(), platform: process.platform, osLocale: app.getLocale() },
    dialogs: electronDialogs(() => win, language),
    shell: { openExternal: (url) => shell.openExternal(url), openPath: (p) => shell.openPath(p) },
    secrets: (db) => new SafeStorageSecretStore(safeStorage, db.secrets),
    onPrefsChanged: (_prefs, lang) => setMenu(lang),
    send: (event, payload) => win?.webContents.send(eventChannel(event), payload),
    schedules: {
      scheduler: () => (scheduler ??= detectScheduler(process.platform, {
        run: execRunner, home: homedir(), ...(process.env.XDG_CONFIG_HOME ? { configHome: process.env.XDG_CONFIG_HOME } : {}),
      })),
      command: scheduledCommand({
        isPackaged: app.isPackaged, platform: process.platform, execPath: process.execPath, resourcesPath: process.resourcesPath,
        appPath: app.getAppPath(), ...(process.env.APPIMAGE ? { appImage: process.env.APPIMAGE } : {}),
        ...(process.platform === 'linux' ? { storageBackend: safeStorage.getSelectedStorageBackend() } : {}),
      }),
    },
  });
  registerIpc(ipcMain, services.handlers, {
    isTrustedSender: (url) => isTrustedSender(url, appUrl),
    logError: (channel, err) => logError(`IPC ${channel} failed:`, err),
  });
  app.setAboutPanelOptions({ applicationName: 'MiniCRM XML Sync', applicationVersion: app.getVersion() });
  setMenu(language());
  openWindow(services);
}

function openWindow(services: AppServices): void {
  win = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    appUrl,
    store: services.db.settings,
    load: (w) => (devServerUrl ? w.loadURL(devServerUrl) : w.loadFile(rendererFile)),
    devServerUrl,
    dev: !app.isPackaged,
  });
  win.webContents.on('did-finish-load', () => {
    if (pendingFile) {
      const path = pendingFile;
      pendingFile = null;
      openFile(path);
    }
  });
  win.on('closed', () => (win = null));
}

/** A desktop notification from the command line (a scheduled run failed); resolves once shown or given up. */
function notify(title: string, body: string): Promise<void> {
  return new Promise((resolve) => {
    if (!Notification.isSupported()) return resolve();
    const n = new Notification({ title, body });
    n.once('show', () => setTimeout(resolve, 1000));
    n.once('failed', () => resolve());
    setTimeout(resolve, 5000);
    n.show();
  });
}

/** `<app> --cli …` (the minicrm-sync launcher, scheduled runs): the command line, no window (cli-mode.ts). */
async function runCommandLine(argv: string[]): Promise<void> {
  await app.whenReady();
  const { runMainCli } = await import('./cli-mode');
  const nativeBinding = electronSqliteBinding(app);
  const code = await runMainCli(argv, { ...(nativeBinding ? { nativeBinding } : {}), safeStorage, notify });
  // What was printed reaches a pipe before the process ends.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  app.exit(code);
}

const cliArgv = cliArgvOf(process.argv);
if (cliArgv) {
  // No window, no dock icon, no GPU process; the app's own window (if open) is not disturbed.
  app.disableHardwareAcceleration();
  app.dock?.hide();
  if (process.platform === 'win32') app.setAppUserModelId('hu.minicrm.xmlsync');
  runCommandLine(cliArgv).catch((err: unknown) => {
    logError('Error:', err instanceof Error ? err.message : err);
    app.exit(1);
  });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const file = fileFromArgv(argv);
    if (file) openFile(file);
  });
  app.on('open-file', (event, path) => {
    // macOS: a file dropped on the dock icon or opened from Finder.
    event.preventDefault();
    openFile(path);
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win && services) openWindow(services);
  });
  app.on('will-quit', () => {
    // After the windows closed (they save their bounds into the database first).
    void services?.close();
  });
  void app.whenReady().then(start).catch((err: unknown) => {
    logError('Start-up failed:', err);
    app.exit(1);
  });
}
