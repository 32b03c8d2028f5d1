/**
 * Putting a schedule's entry into the operating system's own scheduler, taking it out again, and
 * asking whether it is there: Task Scheduler (schtasks), launchd (launchctl), a systemd user timer
 * (systemctl --user), or the user's crontab where no systemd user session runs. Commands go
 * through a runner (execFile, never a shell), so tests can run the real ones or record them.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnusableInputError } from '../../../shared/domain/errors';
import type { OsSchedulerKind } from '../../../shared/domain/schedule';
import { cronLines, hasCronLines, withCronLines } from './cron-table';
import { launchdPlist } from './launchd-plist';
import { entryBase, launchdLabel, windowsTaskName, type OsEntry } from './os-entry';
import { systemdUnits } from './systemd-units';
import { windowsTaskFile, windowsTaskXml } from './windows-task';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with arguments (and optional standard input); a missing program is code 127. */
export type CommandRunner = (program: string, args: readonly string[], input?: string) => Promise<RunResult>;

export const execRunner: CommandRunner = (program, args, input) => new Promise((resolve) => {
  const child = execFile(program, [...args], { encoding: 'utf8', timeout: 60_000, windowsHide: true }, (err, stdout, stderr) => {
    const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code)
      : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 127 : 1) : 0;
    resolve({ code, stdout: String(stdout), stderr: String(stderr || (err && code === 127 ? `${program}: not found` : '')) });
  });
  if (input !== undefined) child.stdin?.end(input);
});

export interface OsScheduler {
  readonly kind: OsSchedulerKind;
  /** Its name for an entry (shown in the app so IT can find it). */
  entryName(key: string, id: number): string;
  /** Creates or replaces the entry. */
  register(e: OsEntry): Promise<void>;
  /** Removes it; an entry that is not there is fine. */
  unregister(key: string, id: number): Promise<void>;
  isRegistered(key: string, id: number): Promise<boolean>;
}

export interface SchedulerEnv {
  run: CommandRunner;
  /** The user's home folder (entries of launchd and systemd live below it). */
  home: string;
  /** $XDG_CONFIG_HOME, when set. */
  configHome?: string;
  /** The user's numeric id (launchd's gui/<uid> session). */
  uid?: number;
  /** Today as YYYY-MM-DD (Task Scheduler triggers start from it). */
  today?: () => string;
}

function failed(system: string, r: RunResult): UnusableInputError {
  const detail = (r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' ').slice(0, 300) || `exit code ${r.code}`;
  return new UnusableInputError('scheduler-failed', `The system (${system}) did not accept the automatic sync: ${detail}`, { system, detail });
}

async function must(env: SchedulerEnv, system: string, program: string, args: readonly string[], input?: string): Promise<RunResult> {
  const r = await env.run(program, args, input);
  if (r.code !== 0) throw failed(system, r);
  return r;
}

const localDay = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function windowsScheduler(env: SchedulerEnv): OsScheduler {
  const system = 'Task Scheduler';
  return {
    kind: 'windows-task',
    entryName: windowsTaskName,
    async register(e) {
      const dir = mkdtempSync(join(tmpdir(), 'minicrm-task-'));
      try {
        const file = join(dir, 'task.xml');
        writeFileSync(file, windowsTaskFile(windowsTaskXml(e, (env.today ?? localDay)())));
        await must(env, system, 'schtasks', ['/Create', '/TN', windowsTaskName(e.key, e.schedule.id), '/XML', file, '/F']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async unregister(key, id) {
      // schtasks words its errors in the system's language: ask first instead of reading them.
      if (await this.isRegistered(key, id)) await must(env, system, 'schtasks', ['/Delete', '/TN', windowsTaskName(key, id), '/F']);
    },
    async isRegistered(key, id) {
      return (await env.run('schtasks', ['/Query', '/TN', windowsTaskName(key, id)])).code === 0;
    },
  };
}

export function launchdScheduler(env: SchedulerEnv): OsScheduler {
  const system = 'launchd';
  const agents = join(env.home, 'Library', 'LaunchAgents');
  const plist = (key: string, id: number) => join(agents, `${launchdLabel(key, id)}.plist`);
  const domain = `gui/${env.uid ?? process.getuid?.() ?? 0}`;
  return {
    kind: 'launchd',
    entryName: launchdLabel,
    async register(e) {
      const file = plist(e.key, e.schedule.id);
      mkdirSync(agents, { recursive: true });
      const logs = join(env.home, 'Library', 'Logs', 'MiniCRM XML Sync');
      mkdirSync(logs, { recursive: true });
      writeFileSync(file, launchdPlist(e, join(logs, `automatic-sync-${e.schedule.id}.log`)));
      // An older version of the agent is unloaded first (fails harmlessly when none is loaded).
      await env.run('launchctl', ['bootout', `${domain}/${launchdLabel(e.key, e.schedule.id)}`]);
      await must(env, system, 'launchctl', ['bootstrap', domain, file]);
    },
    async unregister(key, id) {
      await env.run('launchctl', ['bootout', `${domain}/${launchdLabel(key, id)}`]);
      rmSync(plist(key, id), { force: true });
    },
    async isRegistered(key, id) {
      return (await env.run('launchctl', ['print', `${domain}/${launchdLabel(key, id)}`])).code === 0;
    },
  };
}

export function systemdScheduler(env: SchedulerEnv): OsScheduler {
  const system = 'systemd';
  const dir = join(env.configHome ?? join(env.home, '.config'), 'systemd', 'user');
  const ctl = (...args: string[]) => ['--user', ...args];
  return {
    kind: 'systemd',
    entryName: (key, id) => `${entryBase(key, id)}.timer`,
    async register(e) {
      const u = systemdUnits(e);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${u.base}.service`), u.service);
      writeFileSync(join(dir, `${u.base}.timer`), u.timer);
      await must(env, system, 'systemctl', ctl('daemon-reload'));
      await must(env, system, 'systemctl', ctl('enable', `${u.base}.timer`));
      // restart, not start: an edited timer must forget its old times.
      await must(env, system, 'systemctl', ctl('restart', `${u.base}.timer`));
    },
    async unregister(key, id) {
      const base = entryBase(key, id);
      await env.run('systemctl', ctl('disable', '--now', `${base}.timer`));
      rmSync(join(dir, `${base}.service`), { force: true });
      rmSync(join(dir, `${base}.timer`), { force: true });
      await env.run('systemctl', ctl('daemon-reload'));
    },
    async isRegistered(key, id) {
      const r = await env.run('systemctl', ctl('is-enabled', `${entryBase(key, id)}.timer`));
      return r.code === 0 && r.stdout.trim() === 'enabled';
    },
  };
}

export function cronScheduler(env: SchedulerEnv): OsScheduler {
  const system = 'cron';
  const read = async (): Promise<string> => {
    const r = await env.run('crontab', ['-l']);
    // "no crontab for <user>" is exit 1 with nothing on stdout: an empty table.
    if (r.code !== 0 && r.stdout.trim() === '' && /no crontab/i.test(r.stderr)) return '';
    if (r.code !== 0) throw failed(system, r);
    return r.stdout;
  };
  const write = async (table: string) => {
    await must(env, system, 'crontab', ['-'], table);
  };
  return {
    kind: 'cron',
    entryName: (key, id) => entryBase(key, id),
    async register(e) {
      await write(withCronLines(await read(), e.key, e.schedule.id, cronLines(e)));
    },
    async unregister(key, id) {
      const table = await read();
      if (hasCronLines(table, key, id)) await write(withCronLines(table, key, id, []));
    },
    async isRegistered(key, id) {
      return hasCronLines(await read(), key, id);
    },
  };
}

/**
 * The scheduler of this computer: Task Scheduler on Windows, launchd on macOS; on Linux a systemd
 * user timer when a user manager answers, else cron when `crontab` exists; null when there is none.
 */
export async function detectScheduler(platform: NodeJS.Platform, env: SchedulerEnv): Promise<OsScheduler | null> {
  if (platform === 'win32') return windowsScheduler(env);
  if (platform === 'darwin') return launchdScheduler(env);
  if ((await env.run('systemctl', ['--user', 'show-environment'])).code === 0) return systemdScheduler(env);
  const r = await env.run('crontab', ['-l']);
  if (r.code === 0 || /no crontab/i.test(r.stderr)) return cronScheduler(env);
  return null;
}
