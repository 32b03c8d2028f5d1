/**
 * The shipped launcher `resources/bin/minicrm-sync`, run for real in an installed app's layout with
 * a stand-in for the app's binary (Electron cannot run here; the stand-in does what main does with
 * `--cli`: cli-argv.ts + cli-mode.ts). It finds the binary (also through a symbolic link), passes
 * the arguments and the exit code through, runs display-less, and a scheduled run started through
 * it syncs against nginx and the MiniCRM stand-in with the secrets of the app's keychain-backed
 * store — no environment variable, no secrets file. A failing run notifies the desktop and is what
 * the app shows at its next start.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/main/app-services';
import { openDatabase, type AppDatabase } from '../../electron/services/db';
import { SafeStorageSecretStore } from '../../electron/services/publish/safe-storage-secret-store';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { saveSettings } from '../../electron/services/publish/settings';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { tempDir } from '../publish/helpers';
import { baseRows, HEADER, writeCsv } from '../publish/journey-helpers';
import { fakeSafeStorage } from './fake-safe-storage';
import { installApp, runProgram, type InstalledApp } from './installed-app';

const SYSTEM_ID = '8080';
const API_KEY = 'launcher-KEY-31';

let tmp: ReturnType<typeof tempDir>;
let app: InstalledApp;
let nginx: NginxServer;
let standin: MinicrmStandin;

beforeAll(async () => {
  tmp = tempDir('minicrm-launcher-');
  app = await installApp(tmp.dir);
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

/** A user-data folder set up as the app leaves it: settings, secrets in its keychain-backed store, a profile, a schedule. */
function setUpApp(name: string): { db: AppDatabase; dbFile: string; scheduleId: number; csv: string } {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  const dbFile = join(dir, 'minicrm-sync.sqlite');
  const db = openDatabase(dbFile);
  saveSettings(db.settings, {
    systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, downloadUser: null, apiCaFile: null,
    upload: { kind: 'https', folderUrl: `${nginx.davUrl}${name}/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
    publicUrl: `${nginx.publicUrl}${name}/`,
  });
  const keychain = new SafeStorageSecretStore(fakeSafeStorage(), db.secrets);
  void keychain.set('minicrm.apiKey', API_KEY);
  void keychain.set('upload.password', nginx.password);
  const profile = { format: 'minicrm-sync-profile', version: 1, name: 'Ügyfelek', project: { Id: 'Ügyfélkód', Name: 'Cégnév' }, business: { Name: 'Cégnév' } };
  const profileId = db.profiles.save(profile.name, JSON.stringify(profile));
  const csv = writeCsv(join(dir, 'ugyfelek.csv'), baseRows().map((r, i) => (i === 0 ? HEADER.slice(0, 2) : r.slice(0, 2))));
  const scheduleId = db.schedules.create({
    name: 'Reggeli', profileId, source: { kind: 'file', path: csv }, when: { kind: 'times', times: ['07:00'] }, mode: 'changed', enabled: true,
  });
  return { db, dbFile, scheduleId, csv };
}

describe('the minicrm-sync launcher', () => {
  it('starts the app binary with --cli and the arguments; no display: headless (the CLI does not see that switch)', async () => {
    const r = await runProgram(app.launcher, ['schedule', '--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Usage: minicrm-sync schedule list');
    expect(app.starts().at(-1)).toEqual({
      received: ['--cli', '--ozone-platform=headless', 'schedule', '--help'], cli: ['schedule', '--help'], display: null, dbus: null,
    });
    const withDisplay = await runProgram(app.launcher, ['help'], { DISPLAY: ':0' });
    expect(withDisplay.out).toContain('Usage: minicrm-sync <command>');
    expect(app.starts().at(-1)!.received).toEqual(['--cli', 'help']);
  });

  it('passes exit codes and stderr through; a JSON error for scripts', async () => {
    const r = await runProgram(app.launcher, ['history', '--nope', '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown option --nope for "history".');
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, exitCode: 2, error: { code: 'usage' } });
  });

  it('works through a symbolic link (e.g. /usr/local/bin/minicrm-sync) and says so when the app is missing', async () => {
    const linkDir = join(tmp.dir, 'usr-local-bin');
    mkdirSync(linkDir, { recursive: true });
    symlinkSync(app.launcher, join(linkDir, 'minicrm-sync'));
    const r = await runProgram(join(linkDir, 'minicrm-sync'), ['help']);
    expect(r.code, r.err).toBe(0);
    const lonely = join(tmp.dir, 'lonely', 'resources', 'bin');
    mkdirSync(lonely, { recursive: true });
    const copy = join(lonely, 'minicrm-sync');
    await runProgram('/bin/cp', [app.launcher, copy]);
    const missing = await runProgram(copy, ['help']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/the MiniCRM XML Sync program was not found next to .*; reinstall the app\./);
  });

  it('a scheduled run through the launcher syncs with the keychain secrets, and is marked scheduled in the history', async () => {
    const { db, dbFile, scheduleId } = setUpApp('ok');
    db.close();
    const r = await runProgram(app.launcher, ['schedule', 'run', String(scheduleId), '--db', dbFile, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, outcome: 'delivered', written: 3, syncStatus: 200 });
    expect([...standin.projects.keys()].sort()).toEqual(['C-001', 'C-002', 'C-003']);
    const history = await runProgram(app.launcher, ['history', '--db', dbFile, '--json']);
    expect(JSON.parse(history.out)[0]).toMatchObject({ status: 'delivered', scheduleId });
    // The secrets came from the app's store: none in the environment, no secrets file was made.
    expect(existsSync(join(tmp.dir, 'ok', 'cli-secrets.json'))).toBe(false);
    expect(readFileSync(dbFile).includes(Buffer.from(API_KEY))).toBe(false);
    const again = await runProgram(app.launcher, ['schedule', 'run', String(scheduleId), '--db', dbFile]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('has not changed since the last run; nothing to do.');
  });

  it('a failed run notifies the desktop, exits 1, and the app shows it at its next start', async () => {
    const { db, dbFile, scheduleId } = setUpApp('refused');
    db.close();
    standin.setFault({ kind: '500', body: 'xml is not valid!' }, { on: 'syncfeed' });
    const before = app.notifications().length;
    const r = await runProgram(app.launcher, ['schedule', 'run', String(scheduleId), '--db', dbFile]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('MiniCRM did not accept the feed (HTTP 500): xml is not valid!');
    expect(app.notifications().slice(before)).toEqual([{ title: 'Automatic sync failed', body: '"Reggeli" did not sync. Open MiniCRM XML Sync to see why.' }]);
    // The next start of the app: the same user-data folder, the real handlers.
    const services = createAppServices({
      userDataPath: join(tmp.dir, 'refused'), dbPath: dbFile, app: { version: 't', platform: 'linux', osLocale: 'en' },
      dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async () => null },
      shell: { openExternal: async () => undefined, openPath: async () => '' }, secrets: new MemorySecretStore(),
    });
    try {
      const attention = await services.handlers['schedules:attention']();
      expect(attention).toHaveLength(1);
      expect(attention[0]).toMatchObject({ scheduleName: 'Reggeli', run: { outcome: 'failed', code: 'sync-refused', params: { status: 500 } } });
      await services.handlers['schedules:dismiss']({ ids: [attention[0]!.run.id] });
      expect(await services.handlers['schedules:attention']()).toEqual([]);
    } finally {
      await services.close();
    }
  });

  it('a locked keyring is named as such, not as a secret that was never set', async () => {
    const { db, dbFile, scheduleId } = setUpApp('locked');
    // Encrypted under another key: what a keyring that cannot be opened from here looks like.
    await new SafeStorageSecretStore(fakeSafeStorage('another keychain'), db.secrets).set('minicrm.apiKey', API_KEY);
    db.close();
    const r = await runProgram(app.launcher, ['schedule', 'run', String(scheduleId), '--db', dbFile]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('The saved secret "minicrm.apiKey" cannot be decrypted here: the system keyring is locked');
  });
});


describe('the Windows launcher', () => {
  // cmd.exe does not exist here: the script's text is checked instead of running it.
  it('starts the .exe two folders up with --cli and every argument, and returns its exit code', () => {
    const cmd = readFileSync('resources/bin/minicrm-sync.cmd', 'latin1');
    expect(cmd).not.toMatch(/[^\r]\n/);
    expect(cmd.split('\r\n')).toEqual(expect.arrayContaining([
      '@echo off', 'setlocal', 'set "APP=%~dp0..\\..\\MiniCRM XML Sync.exe"', '"%APP%" --cli %*', 'exit /b %ERRORLEVEL%',
    ]));
    expect(cmd).toMatch(/if not exist "%APP%" \(\r\n {2}echo .* 1>&2\r\n {2}exit \/b 2\r\n\)/);
  });
});
