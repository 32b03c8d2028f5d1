/** The main window with every guard from security.ts applied, and its size/position remembered. */
import { BrowserWindow, screen, shell, type Session } from 'electron';
import {
  createWindowOptions, cspHeader, isAllowedNavigation, permissionCheckHandler, permissionHandler, windowOpenHandler,
  withCspHeader,
} from './security';
import { parseWindowState, visibleBounds, WINDOW_STATE_KEY, type WindowState } from './window-state';

export interface WindowStore {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** Session-wide: permissions denied, the CSP header on every response. */
export function hardenSession(session: Session, devServerUrl: string | null): void {
  session.setPermissionRequestHandler(permissionHandler);
  session.setPermissionCheckHandler(permissionCheckHandler);
  const csp = cspHeader(devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  appUrl: string;
  store: WindowStore;
  load: (w: BrowserWindow) => Promise<void>;
  /** The dev server (development only): its CSP allowances; null for the packaged page. */
  devServerUrl: string | null;
  /** Developer tools: running from source only. */
  dev: boolean;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const saved = visibleBounds(
    parseWindowState(JSON.stringify(o.store.get<WindowState>(WINDOW_STATE_KEY) ?? null)),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow(createWindowOptions({ preloadPath: o.preloadPath, bounds: saved?.bounds ?? null, devTools: o.dev }));
  if (saved?.maximized) win.maximize();

  const wc = win.webContents;
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, o.appUrl)) event.preventDefault();
  };
  wc.on('will-navigate', guard);
  wc.on('will-redirect', guard);
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(windowOpenHandler((url) => shell.openExternal(url)));

  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    o.store.set(WINDOW_STATE_KEY, state);
  });
  win.once('ready-to-show', () => win.show());
  // Permissions and the CSP before the first request of the page, not after its load started.
  hardenSession(wc.session, o.devServerUrl);
  void o.load(win);
  return win;
}
