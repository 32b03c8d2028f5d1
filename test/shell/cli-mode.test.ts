/**
 * `<app> --cli …` as main runs it (Electron cannot run here: the same functions under Node): which
 * starts are the command line, the CLI with the app's keychain-backed secrets, and the command an
 * automatic sync's OS entry starts on each system.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../electron/cli/io';
import { cliArgvOf } from '../../electron/main/cli-argv';
import { mainCliHost, runMainCli } from '../../electron/main/cli-mode';
import { scheduledCommand } from '../../electron/main/schedule-command';
import { openDatabase } from '../../electron/services/db';
import { SafeStorageSecretStore } from '../../electron/services/publish/safe-storage-secret-store';
import { fakeSafeStorage } from '../schedule/fake-safe-storage';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'minicrm-climode-'));
  dirs.push(d);
  return d;
};

describe('cliArgvOf: is this start the command line?', () => {
  it('packaged: --cli right after the binary; the rest are the CLI arguments', () => {
    expect(cliArgvOf(['/opt/app/minicrm-xml-sync', '--cli', 'history', '--json'])).toEqual(['history', '--json']);
    expect(cliArgvOf(['C:\\App\\MiniCRM XML Sync.exe', '--cli'])).toEqual([]);
  });

  it('a checkout (`electron . --cli …`): after the app folder', () => {
    expect(cliArgvOf(['/x/electron', '/x/checkout', '--cli', 'schedule', 'run', '3'])).toEqual(['schedule', 'run', '3']);
  });

  it("Chromium's switches from the launcher or the OS entry are Chromium's, not the CLI's", () => {
    expect(cliArgvOf(['app', '--cli', '--ozone-platform=headless', '--password-store=gnome-libsecret', 'schedule', 'run', '3']))
      .toEqual(['schedule', 'run', '3']);
    // Only before the command: a later argument is the CLI's own.
    expect(cliArgvOf(['app', '--cli', 'inspect', '--no-sandbox'])).toEqual(['inspect', '--no-sandbox']);
  });

  it('the window app: no --cli, or --cli only as a later argument (a file, a value)', () => {
    expect(cliArgvOf(['app'])).toBeNull();
    expect(cliArgvOf(['app', '/home/anna/ügyfelek.csv'])).toBeNull();
    expect(cliArgvOf(['app', 'a', 'b', '--cli'])).toBeNull();
  });
});

describe('runMainCli: the CLI in main, with the app\'s keychain-backed secrets', () => {
  it('config set/show use the keychain store (ciphertext in the database), not a secrets file', async () => {
    const dir = temp();
    const db = join(dir, 'minicrm-sync.sqlite');
    const parts = { safeStorage: fakeSafeStorage() };
    const io = { ...memoryIo({}, dir), host: mainCliHost(parts) };
    expect(await runMainCli(['config', 'set', 'minicrm.apiKey', 'kulcs-123', '--db', db], parts, io)).toBe(0);
    expect(io.stdout.at(-1)).toBe("Saved secret minicrm.apiKey in the app's keychain-backed store.");
    const show = { ...memoryIo({}, dir), host: mainCliHost(parts) };
    expect(await runMainCli(['config', 'show', '--db', db, '--json'], parts, show)).toBe(0);
    expect(JSON.parse(show.stdout.join('\n')).secrets).toMatchObject({ 'minicrm.apiKey': 'set (keychain)', 'upload.password': 'not set' });
    const opened = openDatabase(db);
    expect(await new SafeStorageSecretStore(fakeSafeStorage(), opened.secrets).get('minicrm.apiKey')).toBe('kulcs-123');
    expect(opened.secrets.get('minicrm.apiKey')!.includes(Buffer.from('kulcs-123'))).toBe(false);
    opened.close();
  });

  it('help names the installed command', async () => {
    const parts = { safeStorage: fakeSafeStorage() };
    const io = { ...memoryIo(), host: mainCliHost(parts) };
    expect(await runMainCli(['sync', '--help'], parts, io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^Usage: minicrm-sync sync <file> --profile P/);
  });
});

describe('scheduledCommand: what the OS entry starts', () => {
  const base = { execPath: '/opt/MiniCRM XML Sync/minicrm-xml-sync', resourcesPath: '/opt/MiniCRM XML Sync/resources', appPath: '/opt/MiniCRM XML Sync/resources/app.asar' };
  it('Linux and macOS installed: the shipped launcher; on Linux with the keyring the app uses', () => {
    expect(scheduledCommand({ ...base, isPackaged: true, platform: 'linux', storageBackend: 'gnome_libsecret' })).toEqual({
      program: '/opt/MiniCRM XML Sync/resources/bin/minicrm-sync', args: ['--password-store=gnome-libsecret'],
    });
    expect(scheduledCommand({ ...base, isPackaged: true, platform: 'linux', storageBackend: 'basic_text' }).args).toEqual([]);
    expect(scheduledCommand({ ...base, isPackaged: true, platform: 'darwin', resourcesPath: '/Applications/MiniCRM XML Sync.app/Contents/Resources' }))
      .toEqual({ program: '/Applications/MiniCRM XML Sync.app/Contents/Resources/bin/minicrm-sync', args: [] });
  });
  it('Windows: the .exe itself with --cli (no console window); an AppImage: the AppImage; a checkout: Electron with the app folder', () => {
    expect(scheduledCommand({ ...base, execPath: 'C:\\App\\MiniCRM XML Sync.exe', isPackaged: true, platform: 'win32' }))
      .toEqual({ program: 'C:\\App\\MiniCRM XML Sync.exe', args: ['--cli'] });
    expect(scheduledCommand({ ...base, isPackaged: true, platform: 'linux', appImage: '/home/anna/MiniCRM.AppImage', storageBackend: 'kwallet5' }))
      .toEqual({ program: '/home/anna/MiniCRM.AppImage', args: ['--cli', '--ozone-platform=headless', '--password-store=kwallet5'] });
    expect(scheduledCommand({ ...base, execPath: '/x/node_modules/electron/dist/electron', appPath: '/x', isPackaged: false, platform: 'darwin' }))
      .toEqual({ program: '/x/node_modules/electron/dist/electron', args: ['/x', '--cli'] });
  });
  it('every command it makes is one cliArgvOf reads back as `schedule run`', () => {
    for (const c of [
      scheduledCommand({ ...base, isPackaged: false, platform: 'linux', storageBackend: 'gnome_libsecret' }),
      scheduledCommand({ ...base, isPackaged: true, platform: 'win32' }),
      scheduledCommand({ ...base, isPackaged: true, platform: 'linux', appImage: '/a.AppImage' }),
    ]) {
      expect(cliArgvOf([c.program, ...c.args, 'schedule', 'run', '1'])).toEqual(['schedule', 'run', '1']);
    }
  });
});
