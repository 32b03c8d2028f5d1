import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  createWindowOptions, cspHeader, isAllowedNavigation, isSafeExternalUrl, isTrustedSender, permissionCheckHandler,
  permissionHandler, windowOpenHandler, withCspHeader,
} from '../../electron/main/security';
import { fileFromArgv, resolveLanguage } from '../../electron/main/locale';
import { parseWindowState, visibleBounds } from '../../electron/main/window-state';
import { buildMenuTemplate } from '../../electron/main/menu-template';

const APP = 'file:///opt/app/resources/app.asar/out/renderer/index.html';

describe('window options', () => {
  it('isolate and sandbox the renderer with no Node and full web security', () => {
    const o = createWindowOptions({ preloadPath: '/p/index.cjs' });
    expect(o.webPreferences).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      // Developer tools only when asked for (running from source): never in the packaged app.
      devTools: false,
    });
    expect(o.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(createWindowOptions({ preloadPath: '/p', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('reuse remembered bounds, never below the minimum size', () => {
    const o = createWindowOptions({ preloadPath: '/p', bounds: { x: 10, y: 20, width: 300, height: 1000 } });
    expect(o).toMatchObject({ x: 10, y: 20, width: 900, height: 1000 });
  });
});

describe('content security policy', () => {
  it('allows only the app itself: no inline or remote script, no eval, no framing', () => {
    const csp = cspHeader();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('matches the meta tag in renderer/index.html', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = (s: string) => new Map(s.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0], d]));
    const header = directives(cspHeader());
    for (const [name, value] of directives(meta)) expect(header.get(name), name).toBe(value);
  });

  it('relaxes only for the dev server, and replaces any CSP a response carries', () => {
    expect(cspHeader('http://localhost:5173')).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173');
    const h = withCspHeader({ 'content-security-policy': ['*'], 'X-Other': ['1'] }, 'default-src \'self\'');
    expect(h).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'self'"] });
  });
});

describe('navigation and windows', () => {
  it('allows only the app page itself', () => {
    expect(isAllowedNavigation(APP, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}#/check`, APP)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', APP)).toBe(false);
    expect(isAllowedNavigation('file:///home/u/Downloads/customers.csv', APP)).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', APP)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAllowedNavigation('not a url', APP)).toBe(false);
    expect(isTrustedSender('https://evil.example/', APP)).toBe(false);
    // Install folders with spaces: Chromium reports the page URL percent-encoded, as pathToFileURL does.
    const spaced = pathToFileURL('/opt/MiniCRM XML Sync/resources/app.asar/out/renderer/index.html').href;
    expect(isTrustedSender('file:///opt/MiniCRM%20XML%20Sync/resources/app.asar/out/renderer/index.html#/sync', spaced)).toBe(true);
  });

  it('denies every new window and opens only https links externally', () => {
    const open = vi.fn();
    const handler = windowOpenHandler(open);
    expect(handler({ url: 'https://www.minicrm.hu/help' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://www.minicrm.hu/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open.mock.calls).toEqual([['https://www.minicrm.hu/help']]);
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
  });

  it('denies every permission request and check', () => {
    const cb = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) permissionHandler(null, p, cb);
    expect(cb.mock.calls.every((c: unknown[]) => c[0] === false)).toBe(true);
    expect(permissionCheckHandler()).toBe(false);
  });
});

describe('shell helpers', () => {
  it('language follows the user choice, else the OS', () => {
    expect(resolveLanguage(null, 'hu-HU')).toBe('hu');
    expect(resolveLanguage(null, 'hu')).toBe('hu');
    expect(resolveLanguage(null, 'de-DE')).toBe('en');
    expect(resolveLanguage('en', 'hu-HU')).toBe('en');
  });

  it('finds the spreadsheet in a command line', () => {
    expect(fileFromArgv(['/opt/app/minicrm', '--flag', '/home/u/ügyfelek.xlsx'])).toBe('/home/u/ügyfelek.xlsx');
    expect(fileFromArgv(['app.exe', 'C:\\Users\\u\\a.CSV', '--allow-file-access'])).toBe('C:\\Users\\u\\a.CSV');
    expect(fileFromArgv(['/opt/app/minicrm', '.'])).toBeNull();
    expect(fileFromArgv(['/opt/app/minicrm.csv'])).toBeNull();
  });

  it('reuses window bounds only when visible on a display', () => {
    const s = parseWindowState(JSON.stringify({ bounds: { x: 100, y: 100, width: 1000, height: 700 }, maximized: true }));
    expect(s).toEqual({ bounds: { x: 100, y: 100, width: 1000, height: 700 }, maximized: true });
    expect(visibleBounds(s, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toEqual(s);
    expect(visibleBounds(s, [{ x: 3000, y: 0, width: 1920, height: 1080 }])).toBeNull();
    expect(parseWindowState('{bad')).toBeNull();
    expect(parseWindowState(JSON.stringify({ bounds: { x: 1, y: 1, width: 'x', height: 2 } }))).toBeNull();
  });

  it('menu: translated, File > Open calls back, reload only in development', () => {
    const open = vi.fn();
    const hu = buildMenuTemplate('hu', { isDev: false, isMac: false }, { open, about: vi.fn() });
    expect(hu.map((m) => m.label)).toEqual(['Fájl', 'Szerkesztés', 'Nézet', 'Ablak', 'Súgó']);
    const file = hu[0]?.submenu as Array<{ label?: string; click?: () => void; role?: string }>;
    file[0]?.click?.();
    expect(open).toHaveBeenCalledOnce();
    expect(file.some((i) => i.role === 'quit')).toBe(true);
    const roles = (t: typeof hu) => JSON.stringify(t.map((m) => m.submenu));
    expect(roles(hu)).not.toContain('reload');
    expect(roles(buildMenuTemplate('en', { isDev: true, isMac: false }, { open, about: vi.fn() }))).toContain('reload');
  });
});
