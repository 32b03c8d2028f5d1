// The thin Electron layer (window.ts) wired with a fake `electron` module: the guards from
// security.ts must actually be attached to the window and its session.
import { describe, expect, it, vi } from 'vitest';

const created: FakeWindow[] = [];
const opened: string[] = [];
/** What happened in which order: the session's guards must come before the page load. */
const steps: string[] = [];

class FakeSession {
  permissionRequest: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
  setPermissionRequestHandler(fn: FakeSession['permissionRequest']) {
    steps.push('permission-request-handler');
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler() {
    steps.push('permission-check-handler');
  }
  webRequest = { onHeadersReceived: () => void steps.push('csp-header') };
}

class FakeWebContents {
  session = new FakeSession();
  handlers = new Map<string, (...args: unknown[]) => void>();
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  on(event: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(event, fn);
    return this;
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
}

class FakeWindow {
  webContents = new FakeWebContents();
  handlers = new Map<string, () => void>();
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    created.push(this);
  }
  on(event: string, fn: () => void) {
    this.handlers.set(event, fn);
  }
  once(event: string, fn: () => void) {
    this.handlers.set(event, fn);
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return { x: 5, y: 6, width: 1000, height: 700 };
  }
  show() {}
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  shell: { openExternal: async (url: string) => void opened.push(url) },
}));

const { createMainWindow, hardenSession } = await import('../../electron/main/window');

const APP = 'file:///opt/app/out/renderer/index.html';

function store(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, get: <T,>(k: string) => data.get(k) as T | undefined, set: (k: string, v: unknown) => void data.set(k, v) };
}

describe('main window wiring', () => {
  it('creates the window with the secure options and the remembered bounds', () => {
    const s = store({ 'window.state': { bounds: { x: 10, y: 20, width: 1100, height: 750 }, maximized: true } });
    const load = vi.fn(async () => undefined);
    createMainWindow({ preloadPath: '/p/index.cjs', appUrl: APP, store: s, load, devServerUrl: null, dev: false });
    const w = created.at(-1)!;
    expect(w.options).toMatchObject({ x: 10, y: 20, width: 1100, height: 750 });
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/p/index.cjs', devTools: false });
    expect(w.maximized).toBe(true);
    expect(load).toHaveBeenCalledOnce();
  });

  it('blocks navigation away from the app, webviews and new windows; https links go to the browser', () => {
    createMainWindow({ preloadPath: '/p', appUrl: APP, store: store(), load: async () => undefined, devServerUrl: null, dev: false });
    const wc = created.at(-1)!.webContents;
    for (const event of ['will-navigate', 'will-redirect']) {
      const evil = { preventDefault: vi.fn() };
      wc.handlers.get(event)?.(evil, 'https://evil.example/');
      expect(evil.preventDefault, event).toHaveBeenCalled();
      const own = { preventDefault: vi.fn() };
      wc.handlers.get(event)?.(own, `${APP}#/history`);
      expect(own.preventDefault, event).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    wc.handlers.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(wc.openHandler?.({ url: 'https://www.minicrm.hu/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.minicrm.hu/']);
  });

  it('remembers size and position when the window closes', () => {
    const s = store();
    createMainWindow({ preloadPath: '/p', appUrl: APP, store: s, load: async () => undefined, devServerUrl: null, dev: false });
    created.at(-1)!.handlers.get('close')?.();
    expect(s.data.get('window.state')).toEqual({ bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false });
  });

  it('denies permissions and sets the CSP on the window\'s session before the page load starts', () => {
    steps.length = 0;
    createMainWindow({ preloadPath: '/p', appUrl: APP, store: store(), load: async () => void steps.push('load'), devServerUrl: null, dev: false });
    expect(steps).toEqual(['permission-request-handler', 'permission-check-handler', 'csp-header', 'load']);
    const cb = vi.fn();
    created.at(-1)!.webContents.session.permissionRequest!(null, 'notifications', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('offers developer tools only when running from source', () => {
    createMainWindow({ preloadPath: '/p', appUrl: APP, store: store(), load: async () => undefined, devServerUrl: 'http://localhost:5173', dev: true });
    expect(created.at(-1)!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('hardens the session: every permission denied, the CSP header on every response', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
    };
    hardenSession(session as never, null);
    const cb = vi.fn();
    request!(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
    const out = vi.fn();
    headers!({ responseHeaders: { 'content-type': ['text/html'] } }, out);
    const h = (out.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(h['content-type']).toEqual(['text/html']);
    expect(h['Content-Security-Policy']?.[0]).toMatch(/^default-src 'self'; script-src 'self';/);
  });
});
