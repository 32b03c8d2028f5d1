import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedBindingPath, nativeDirName, packageBindingPath, runtimeBindingPath } from '../../scripts/native-paths.mjs';

const script = fileURLToPath(new URL('../../scripts/ensure-electron-sqlite.mjs', import.meta.url));
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Electron better-sqlite3 paths', () => {
  it('caches one binding per Electron version, platform and CPU under .native/', () => {
    expect(nativeDirName('39.8.10', 'win32', 'x64')).toBe('electron-39.8.10-win32-x64');
    expect(cachedBindingPath('/proj', '39.8.10', 'linux', 'arm64')).toBe(join('/proj', '.native', 'electron-39.8.10-linux-arm64', 'better_sqlite3.node'));
    expect(packageBindingPath('/proj', 'darwin', 'arm64')).toBe(join('/proj', '.native', 'package', 'darwin-arm64', 'better_sqlite3.node'));
    expect(() => nativeDirName('latest', 'linux', 'x64')).toThrow();
  });

  it('loads from the installer resources when packaged, from the project cache under npm start', () => {
    const base = { resourcesPath: '/opt/App/resources', appPath: '/proj', electronVersion: '39.8.10', platform: 'linux', arch: 'x64' };
    expect(runtimeBindingPath({ ...base, isPackaged: true })).toBe(join('/opt/App/resources', 'native', 'better_sqlite3.node'));
    expect(runtimeBindingPath({ ...base, isPackaged: false })).toBe(join('/proj', '.native', 'electron-39.8.10-linux-x64', 'better_sqlite3.node'));
  });

  it('never points at node_modules/better-sqlite3/build (the Node build for tests and the CLI)', () => {
    expect(cachedBindingPath('/proj', '39.8.10', 'linux', 'x64')).not.toContain('node_modules');
  });

  it('the script reuses a cached binding without downloading and publishes the packaging copy', () => {
    const root = mkdtempSync(join(tmpdir(), 'native-root-'));
    tmp.push(root);
    const cached = cachedBindingPath(root, '1.2.3', 'linux', 'x64');
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, 'fake binding');
    const r = spawnSync(process.execPath, [script, '--root', root, '--electron-version', '1.2.3', '--platform', 'linux', '--arch', 'x64'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('binding present');
    const copy = packageBindingPath(root, 'linux', 'x64');
    expect(existsSync(copy) && readFileSync(copy, 'utf8')).toBe('fake binding');
  });

  it('the Node build in node_modules is left alone by the script', () => {
    const nodeBuild = fileURLToPath(new URL('../../node_modules/better-sqlite3/build/Release/better_sqlite3.node', import.meta.url));
    const before = statSync(nodeBuild).mtimeMs;
    const root = mkdtempSync(join(tmpdir(), 'native-root-'));
    tmp.push(root);
    mkdirSync(join(cachedBindingPath(root, '1.2.3', 'linux', 'x64'), '..'), { recursive: true });
    writeFileSync(cachedBindingPath(root, '1.2.3', 'linux', 'x64'), 'x');
    spawnSync(process.execPath, [script, '--root', root, '--electron-version', '1.2.3'], { encoding: 'utf8' });
    expect(statSync(nodeBuild).mtimeMs).toBe(before);
  });
});
