/**
 * The Linux entry installed for real, and run by the system. The app prefers a systemd user timer;
 * this machine (a container) has no systemd user session — `systemctl --user` cannot reach a user
 * manager, and systemd cannot be started as one here — so the app falls back to cron, as it does on
 * such machines, and that path is tested for real: the app's save writes the user's real crontab
 * (keeping the lines already there), Debian's cron daemon started by this test runs the entry at
 * its minute, through the shipped launcher and the stand-in app binary, against nginx and the
 * MiniCRM stand-in; removing the schedule takes the line out again. (The systemd units themselves
 * are checked with systemd-analyze in os-entries.test.ts.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db';
import { SafeStorageSecretStore } from '../../electron/services/publish/safe-storage-secret-store';
import { saveSettings } from '../../electron/services/publish/settings';
import { shellQuote } from '../../electron/services/schedule/cron-table';
import { detectScheduler, execRunner } from '../../electron/services/schedule/os-scheduler';
import { deleteSchedule, listSchedules, saveSchedule, type ScheduleDeps } from '../../electron/services/schedule/schedule-service';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { tempDir } from '../publish/helpers';
import { baseRows, HEADER, writeCsv } from '../publish/journey-helpers';
import { fakeSafeStorage } from './fake-safe-storage';
import { installApp } from './installed-app';

const SYSTEM_ID = '9090';
const API_KEY = 'cron-KEY-77';
const crontab = (...args: string[]) => spawnSync('crontab', args, { encoding: 'utf8' });

let tmp: ReturnType<typeof tempDir>;
let nginx: NginxServer;
let standin: MinicrmStandin;
let cron: ChildProcess | null = null;
let savedCrontab: string | null = null;

beforeAll(async () => {
  const before = crontab('-l');
  savedCrontab = before.status === 0 ? before.stdout : null;
  tmp = tempDir('minicrm-cron-');
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
});
afterAll(async () => {
  cron?.kill();
  // The user's crontab as it was before the test, whatever happened.
  if (savedCrontab === null) crontab('-r');
  else spawnSync('crontab', ['-'], { input: savedCrontab });
  await standin?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

describe('Linux without a systemd user session: cron, for real', () => {
  it('there is no systemd user manager here, so the app picks cron', async () => {
    const systemd = spawnSync('systemctl', ['--user', 'show-environment'], { encoding: 'utf8' });
    expect(systemd.status, 'this test documents the container: a systemd user session would be used instead').not.toBe(0);
    expect((await detectScheduler('linux', { run: execRunner, home: homedir() }))?.kind).toBe('cron');
  });

  it('saving a schedule writes the crontab, cron runs it at its minute through the launcher, removing it takes the line out', { timeout: 240_000 }, async () => {
    const app = await installApp(tmp.dir);
    const dbFile = join(tmp.dir, 'userData', 'minicrm-sync.sqlite');
    const db = openDatabase(dbFile);
    try {
      saveSettings(db.settings, {
        systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, downloadUser: null, apiCaFile: null,
        upload: { kind: 'https', folderUrl: `${nginx.davUrl}cron/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath },
        publicUrl: `${nginx.publicUrl}cron/`,
      });
      const keychain = new SafeStorageSecretStore(fakeSafeStorage(), db.secrets);
      await keychain.set('minicrm.apiKey', API_KEY);
      await keychain.set('upload.password', nginx.password);
      const profile = { format: 'minicrm-sync-profile', version: 1, name: 'Cron', project: { Id: 'Ügyfélkód', Name: 'Cégnév' }, business: { Name: 'Cégnév' } };
      const profileId = db.profiles.save(profile.name, JSON.stringify(profile));
      const csv = writeCsv(join(tmp.dir, 'ugyfelek.csv'), baseRows().map((r, i) => (i === 0 ? HEADER.slice(0, 2) : r.slice(0, 2))));

      // The user's own crontab line must survive the app's edits.
      const own = '# the user\'s own job\n17 3 * * * /bin/true\n';
      spawnSync('crontab', ['-'], { input: own });

      // Due at the next full minute that leaves time to set up (cron reads its tables each minute).
      const now = new Date();
      const due = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes() + (now.getSeconds() < 40 ? 1 : 2));
      const hhmm = `${String(due.getHours()).padStart(2, '0')}:${String(due.getMinutes()).padStart(2, '0')}`;
      const deps: ScheduleDeps = {
        db, scheduler: () => detectScheduler('linux', { run: execRunner, home: homedir() }), command: { program: app.launcher, args: [] },
      };
      const view = await saveSchedule(deps, undefined, {
        name: 'Percre pontos', profileId, source: { kind: 'file', path: csv }, when: { kind: 'times', times: [hhmm] }, mode: 'changed', enabled: true,
      });
      expect(view.entry).toMatchObject({ system: 'cron', registered: true, problem: null });
      const table = crontab('-l').stdout;
      expect(table.startsWith(own)).toBe(true);
      expect(table).toContain(`${due.getMinutes()} ${due.getHours()} * * * ${shellQuote(app.launcher)} schedule run ${view.schedule.id} --db ${shellQuote(dbFile)} >/dev/null 2>&1 # minicrm-xml-sync-`);

      // The machine's cron daemon when one runs already, else one started (and stopped) by this test.
      if (spawnSync('pgrep', ['-x', 'cron']).status !== 0) {
        cron = spawn('cron', ['-f'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let cronOut = '';
        cron.stderr?.on('data', (c: Buffer) => (cronOut += c.toString()));
        const exited = new Promise<number | null>((r) => cron!.on('exit', (code) => r(code)));
        const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('running'), 1500))]);
        expect(early, `cron did not start: ${cronOut}`).toBe('running');
      }

      // Wait for the run cron started: its record in the app's database.
      const deadline = due.getTime() + 90_000;
      let last = db.schedules.lastRun(view.schedule.id);
      while ((!last || last.outcome === 'running') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
        last = db.schedules.lastRun(view.schedule.id);
      }
      expect(last, 'cron did not run the entry in time').not.toBeNull();
      expect(last).toMatchObject({ outcome: 'delivered', code: 'schedule-delivered' });
      expect(new Date(last!.startedAt).getTime()).toBeGreaterThanOrEqual(due.getTime());
      expect([...standin.projects.keys()].sort()).toEqual(['C-001', 'C-002', 'C-003']);
      expect(app.starts().at(-1)!.cli).toEqual(['schedule', 'run', String(view.schedule.id), '--db', dbFile]);
      expect(db.runs.getRecord(last!.runId!)).toMatchObject({ status: 'delivered', scheduleId: view.schedule.id });
      // The app's list shows the entry and the run.
      const [listed] = await listSchedules(deps);
      expect(listed).toMatchObject({ entry: { system: 'cron', registered: true }, lastRun: { outcome: 'delivered' } });

      await deleteSchedule(deps, view.schedule.id);
      expect(crontab('-l').stdout).toBe(own);
      expect(await listSchedules(deps)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
