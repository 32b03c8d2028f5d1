/**
 * Electron main: single instance, database + services, typed IPC, the hardened window, the menu.
 * Everything testable lives in plain modules (security.ts, app-services.ts, ipc/…); this file only
 * connects them to Electron.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, safeStorage, shell } from 'electron';
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

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const rendererFile = join(here, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).href;

let win: BrowserWindow | null = null;
let services: AppServices | null = null;
let pendingFile: string | null = fileFromArgv(process.argv);

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

if (!app.requestSingleInstanceLock()) {
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
