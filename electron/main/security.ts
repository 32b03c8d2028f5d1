/**
 * The window's security settings and guards as pure functions, so a unit test can check exactly
 * what the app enforces (Electron itself cannot run on the build machine).
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** Production CSP; the same policy is in renderer/index.html as a meta tag (belt and braces). */
const CSP_PROD: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The Content-Security-Policy header. In development Vite's dev server serves the page with
 * hot reload (an inline preamble script and a websocket), so only then those are allowed.
 */
export function cspHeader(devServerUrl: string | null = null): string {
  const csp = structuredClone(CSP_PROD);
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    const ws = origin.replace(/^http/, 'ws');
    csp['script-src'] = ["'self'", "'unsafe-inline'", origin];
    csp['connect-src'] = ["'self'", origin, ws];
  }
  return Object.entries(csp).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');
}

export interface WindowOptionsInput {
  preloadPath: string;
  /** Developer tools: only when running from source (`npm run dev`/`npm start`), never in the packaged app. */
  devTools?: boolean;
  bounds?: { x?: number; y?: number; width: number; height: number } | null;
  title?: string;
  backgroundColor?: string;
}

export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const b = input.bounds ?? { width: 1280, height: 820 };
  return {
    ...(b.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : {}),
    width: Math.max(MIN_WIDTH, b.width),
    height: Math.max(MIN_HEIGHT, b.height),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: input.title ?? 'MiniCRM XML Sync',
    show: false,
    backgroundColor: input.backgroundColor ?? '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.devTools === true,
    },
  };
}

/**
 * The only navigation allowed is (re)loading the app's own page: the packaged file or the dev
 * server. Dropping a file or clicking a link must never replace the app with another page.
 */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
  return target.origin === app.origin && (target.protocol === 'http:' || target.protocol === 'https:');
}

/** External links open in the user's browser only when they are plain https URLs. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}

/** `setWindowOpenHandler`: never a new Electron window; https links go to the browser. */
export function windowOpenHandler(openExternal: (url: string) => unknown) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (isSafeExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  };
}

/** `session.setPermissionRequestHandler`: the app needs no camera, location, notifications, …. */
export function permissionHandler(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** `session.setPermissionCheckHandler`. */
export function permissionCheckHandler(): boolean {
  return false;
}

/** Adds the CSP to every response of the app's session (`session.webRequest.onHeadersReceived`). */
export function withCspHeader(
  responseHeaders: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(responseHeaders ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') headers[k] = v;
  }
  headers['Content-Security-Policy'] = [csp];
  return headers;
}

/** Only our own page may invoke IPC channels. */
export function isTrustedSender(frameUrl: string, appUrl: string): boolean {
  return isAllowedNavigation(frameUrl, appUrl);
}

/**
 * `shell.openPath` runs a file with the system's default program, so the app opens only its own feeds:
 * an `.xml` file inside its feeds folder. Both paths must already be resolved (fs.realpath), so that
 * neither `..` nor a link leads out. Windows compares without case, as its file system does.
 */
export function isOpenableFeed(realPath: string, realFeedsDir: string, platform: string = process.platform): boolean {
  const win = platform === 'win32';
  const sep = win ? '\\' : '/';
  const norm = (p: string) => (win ? p.replace(/\//g, '\\').toLowerCase() : p);
  const file = norm(realPath);
  const dir = norm(realFeedsDir).replace(/[\\/]+$/, '') + sep;
  return file.startsWith(dir) && !file.slice(dir.length).split(/[\\/]/).includes('..') && /\.xml$/i.test(file);
}
