/**
 * The entries automatic syncs put into each operating system's scheduler, compared byte for byte
 * with reviewed files (fixtures/): the Task Scheduler XML, the launchd plist, the systemd service
 * and timers, the crontab lines. systemd's own `systemd-analyze` checks the units and the calendar
 * expressions here for real; the quoting of each format is run through the real parser where one
 * exists on this machine (/bin/sh for cron); Windows' and macOS's tools do not exist here, so their
 * registrars are checked for the exact commands they run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterEach, describe, expect, it } from 'vitest';
import { cronLines, hasCronLines, shellQuote, withCronLines } from '../../electron/services/schedule/cron-table';
import { launchdPlist } from '../../electron/services/schedule/launchd-plist';
import {
  cronScheduler, detectScheduler, launchdScheduler, systemdScheduler, windowsScheduler, type CommandRunner, type RunResult,
} from '../../electron/services/schedule/os-scheduler';
import { onCalendar, systemdQuote, systemdUnits } from '../../electron/services/schedule/systemd-units';
import { windowsQuote, windowsTaskFile, windowsTaskXml } from '../../electron/services/schedule/windows-task';
import { entry, EVERY_15MIN, EVERY_2H, KEY, SCHEDULE, WINDOWS_COMMAND } from './entry-samples';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const LOG = '/Users/anna/Library/Logs/MiniCRM XML Sync/automatic-sync-3.log';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'minicrm-entries-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function wellFormed(xml: string): void {
  const p = new SaxesParser();
  p.on('error', (e) => { throw e; });
  p.write(xml).close();
}

/** Records every command; answers from `answers` by the command line's start, else success. */
function recorder(answers: Record<string, Partial<RunResult>> = {}) {
  const calls: Array<{ line: string; input?: string; files: Record<string, string> }> = [];
  const run: CommandRunner = async (program, args, input) => {
    const line = [program, ...args].join(' ');
    // Task Scheduler reads its XML from a file that is removed afterwards: keep what it held.
    const files: Record<string, string> = {};
    const xml = args[args.indexOf('/XML') + 1];
    if (args.includes('/XML') && xml) files.xml = readFileSync(xml).toString('hex').slice(0, 4) + readFileSync(xml).subarray(2).toString('utf16le');
    calls.push({ line, ...(input !== undefined ? { input } : {}), files });
    const hit = Object.entries(answers).find(([start]) => line.startsWith(start));
    return { code: 0, stdout: '', stderr: '', ...(hit?.[1] ?? {}) };
  };
  return { run, calls };
}

describe('generated entries (compared with the reviewed files)', () => {
  it('Windows Task Scheduler: one daily trigger per time, an interval repeated from midnight; saved as UTF-16 for schtasks', () => {
    const times = windowsTaskXml(entry(SCHEDULE.when, WINDOWS_COMMAND), '2026-03-02');
    expect(times).toBe(fixture('task-times.xml'));
    expect(windowsTaskXml(entry(EVERY_2H, WINDOWS_COMMAND), '2026-03-02')).toBe(fixture('task-every-2h.xml'));
    wellFormed(times.replace('encoding="UTF-16"', 'encoding="UTF-8"'));
    const file = windowsTaskFile(times);
    expect([...file.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(file.subarray(2).toString('utf16le')).toBe(times);
  });

  it('macOS launchd: every due moment as a calendar interval (minutes only below an hour)', () => {
    expect(launchdPlist(entry(), LOG)).toBe(fixture('launchd-times.plist'));
    expect(launchdPlist(entry(EVERY_2H), LOG)).toBe(fixture('launchd-every-2h.plist'));
    expect(launchdPlist(entry(EVERY_15MIN), LOG)).toBe(fixture('launchd-every-15min.plist'));
    for (const f of ['launchd-times.plist', 'launchd-every-15min.plist']) wellFormed(fixture(f).replace(/<!DOCTYPE[^>]*>/, ''));
  });

  it('systemd: a oneshot service and a persistent timer', () => {
    expect(systemdUnits(entry()).service).toBe(fixture('systemd.service'));
    expect(systemdUnits(entry()).timer).toBe(fixture('systemd-times.timer'));
    expect(systemdUnits(entry(EVERY_2H)).timer).toBe(fixture('systemd-every-2h.timer'));
    expect(systemdUnits(entry(EVERY_15MIN)).timer).toBe(fixture('systemd-every-15min.timer'));
  });

  it('cron: times grouped by minute, an interval as a step, output discarded, each line marked', () => {
    expect(`${cronLines(entry()).join('\n')}\n`).toBe(fixture('crontab-times.txt'));
    expect(`${cronLines(entry(EVERY_2H)).join('\n')}\n`).toBe(fixture('crontab-every-2h.txt'));
    expect(`${cronLines(entry(EVERY_15MIN)).join('\n')}\n`).toBe(fixture('crontab-every-15min.txt'));
  });
});

describe('the entries are what the systems accept', () => {
  it('systemd-analyze verifies the units and reads every calendar expression as meant', () => {
    const dir = temp();
    const launcher = join(dir, 'minicrm sync launcher');
    writeFileSync(launcher, '#!/bin/sh\nexit 0\n');
    chmodSync(launcher, 0o755);
    for (const when of [SCHEDULE.when, EVERY_2H, EVERY_15MIN, { kind: 'interval', minutes: 720 } as const]) {
      const u = systemdUnits(entry(when, { program: launcher, args: ['schedule', 'run', '3', '--db', join(dir, '50% off $HOME.sqlite')] }));
      writeFileSync(join(dir, `${u.base}.service`), u.service);
      writeFileSync(join(dir, `${u.base}.timer`), u.timer);
      const r = spawnSync('systemd-analyze', ['verify', join(dir, `${u.base}.timer`), join(dir, `${u.base}.service`)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
    const next = (expr: string) => execFileSync('systemd-analyze', ['calendar', '--iterations=3', expr], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(onCalendar(entry())).toEqual(['*-*-* 07:30:00', '*-*-* 12:00:00', '*-*-* 16:30:00']);
    for (const expr of [...onCalendar(entry()), ...onCalendar(entry(EVERY_2H)), ...onCalendar(entry(EVERY_15MIN))]) {
      expect(next(expr)).toContain(`Normalized form: ${expr}`);
    }
    expect(next('*-*-* 00/2:00:00')).toMatch(/\b(00|02|04|06|08|10|12|14|16|18|20|22):00:00 UTC/);
    expect(next('*-*-* *:00/15:00')).toMatch(/:(00|15|30|45):00 UTC/);
  });

  it('systemd quoting keeps spaces, quotes, %, $ and backslashes literal (systemd-analyze shows the words it will run)', () => {
    const word = 'C:\\a "b" 50% $HOME';
    expect(systemdQuote(word)).toBe('"C:\\\\a \\"b\\" 50%% $$HOME"');
  });

  it('cron lines run the same words through /bin/sh (after cron turns \\% back into %)', () => {
    const words = ['/opt/My Apps/minicrm-sync', "it's", '50% $HOME `id` "x"', 'ü', '--db=/a b'];
    const line = words.map(shellQuote).join(' ').replace(/\\%/g, '%');
    const out = execFileSync('/bin/sh', ['-c', `printf '[%s]\\n' ${line}`], { encoding: 'utf8' });
    expect(out).toBe(words.map((w) => `[${w}]\n`).join(''));
  });

  it('Windows quoting follows how programs split their command line', () => {
    expect(windowsQuote('run')).toBe('run');
    expect(windowsQuote('C:\\Program Files\\x.sqlite')).toBe('"C:\\Program Files\\x.sqlite"');
    expect(windowsQuote('say "hi"')).toBe('"say \\"hi\\""');
    expect(windowsQuote('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(windowsQuote('')).toBe('""');
  });

  it("the crontab keeps the user's own lines; ours are replaced, found and removed by their marker", () => {
    const own = 'MAILTO=anna@example.hu\n# backups\n15 2 * * * /usr/local/bin/backup\n';
    const withOurs = withCronLines(own, KEY, 3, cronLines(entry()));
    expect(withOurs.startsWith(own)).toBe(true);
    expect(hasCronLines(withOurs, KEY, 3)).toBe(true);
    expect(hasCronLines(withOurs, KEY, 33)).toBe(false);
    const edited = withCronLines(withOurs, KEY, 3, cronLines(entry(EVERY_2H)));
    expect(edited).toBe(`${own}${cronLines(entry(EVERY_2H))[0]}\n`);
    expect(withCronLines(edited, KEY, 3, [])).toBe(own);
    // A line the user commented out is not an active entry.
    expect(hasCronLines(`# ${cronLines(entry())[0]}\n`, KEY, 3)).toBe(false);
  });
});

describe('registering with each system (the exact commands)', () => {
  it('Task Scheduler: /Create with the UTF-16 XML file, /Query to check, /Delete only an existing task', async () => {
    const { run, calls } = recorder({ 'schtasks /Query': { code: 1 } });
    const w = windowsScheduler({ run, home: 'C:\\Users\\Anna', today: () => '2026-03-02' });
    await w.register(entry(SCHEDULE.when, WINDOWS_COMMAND));
    expect(calls[0]!.line).toMatch(/^schtasks \/Create \/TN MiniCRM XML Sync\\Automatic sync 3 \(a1b2c3d4\) \/XML .*task\.xml \/F$/);
    expect(calls[0]!.files.xml).toBe(`fffe${fixture('task-times.xml')}`);
    expect(await w.isRegistered(KEY, 3)).toBe(false);
    await w.unregister(KEY, 3);
    expect(calls.map((c) => c.line.split(' ').slice(0, 2).join(' '))).toEqual(['schtasks /Create', 'schtasks /Query', 'schtasks /Query']);
  });

  it('launchd: the plist in ~/Library/LaunchAgents, loaded into the gui session', async () => {
    const home = temp();
    const { run, calls } = recorder();
    const l = launchdScheduler({ run, home, uid: 501 });
    await l.register(entry());
    const plist = join(home, 'Library/LaunchAgents/hu.minicrm.xmlsync.a1b2c3d4.3.plist');
    expect(readFileSync(plist, 'utf8')).toBe(launchdPlist(entry(), join(home, 'Library/Logs/MiniCRM XML Sync/automatic-sync-3.log')));
    expect(calls.map((c) => c.line)).toEqual([`launchctl bootout gui/501/hu.minicrm.xmlsync.a1b2c3d4.3`, `launchctl bootstrap gui/501 ${plist}`]);
    expect(await l.isRegistered(KEY, 3)).toBe(true);
    await l.unregister(KEY, 3);
    expect(existsSync(plist)).toBe(false);
  });

  it('systemd: the units in ~/.config/systemd/user, enabled and restarted (an edit forgets its old times); disabled and removed', async () => {
    const home = temp();
    const { run, calls } = recorder({ 'systemctl --user is-enabled': { stdout: 'enabled\n' } });
    const s = systemdScheduler({ run, home });
    await s.register(entry());
    const unitDir = join(home, '.config/systemd/user');
    expect(readFileSync(join(unitDir, 'minicrm-xml-sync-a1b2c3d4-3.timer'), 'utf8')).toBe(fixture('systemd-times.timer'));
    expect(calls.map((c) => c.line)).toEqual([
      'systemctl --user daemon-reload', 'systemctl --user enable minicrm-xml-sync-a1b2c3d4-3.timer', 'systemctl --user restart minicrm-xml-sync-a1b2c3d4-3.timer',
    ]);
    expect(await s.isRegistered(KEY, 3)).toBe(true);
    await s.unregister(KEY, 3);
    expect(existsSync(join(unitDir, 'minicrm-xml-sync-a1b2c3d4-3.service'))).toBe(false);
    expect(calls.at(-2)!.line).toBe('systemctl --user disable --now minicrm-xml-sync-a1b2c3d4-3.timer');
  });

  it('a refusal of the system becomes a plain message naming the system and its own words', async () => {
    const { run } = recorder({ 'systemctl --user enable': { code: 1, stderr: 'Failed to enable unit: Access denied\n' } });
    await expect(systemdScheduler({ run, home: temp() }).register(entry())).rejects.toMatchObject({
      code: 'scheduler-failed', params: { system: 'systemd', detail: 'Failed to enable unit: Access denied' },
    });
  });

  it('detection: Task Scheduler on Windows, launchd on macOS, systemd when a user manager answers, else cron, else none', async () => {
    const env = (answers: Record<string, Partial<RunResult>>) => ({ run: recorder(answers).run, home: temp() });
    expect((await detectScheduler('win32', env({})))?.kind).toBe('windows-task');
    expect((await detectScheduler('darwin', env({})))?.kind).toBe('launchd');
    expect((await detectScheduler('linux', env({})))?.kind).toBe('systemd');
    const noSystemd = { 'systemctl --user': { code: 1, stderr: 'Failed to connect to bus: No medium found' } };
    expect((await detectScheduler('linux', env({ ...noSystemd, 'crontab -l': { code: 1, stderr: 'no crontab for anna' } })))?.kind).toBe('cron');
    expect(await detectScheduler('linux', env({ ...noSystemd, crontab: { code: 127, stderr: 'crontab: not found' } }))).toBeNull();
    expect(cronScheduler({ run: recorder().run, home: '/' }).entryName(KEY, 3)).toBe('minicrm-xml-sync-a1b2c3d4-3');
  });
});
