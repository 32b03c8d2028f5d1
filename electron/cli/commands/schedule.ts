import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UNUSABLE_CODES } from '../../../shared/domain/message-codes';
import { FAILED_OUTCOMES, type ScheduleRunRecord } from '../../../shared/domain/schedule';
import type { AppDatabase } from '../../services/db';
import { entryKey } from '../../services/schedule/os-entry';
import { detectScheduler, execRunner } from '../../services/schedule/os-scheduler';
import { runScheduledSync } from '../../services/schedule/scheduled-run';
import { allowFlags, boolFlag, stringFlag, UsageError, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import { num } from '../format';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';
import { cliSecretStore } from './config';
import { EXIT_DISK_FULL } from '../faults';

/** The desktop notification of a failed run, in the app's language (the app shows the details). */
const NOTIFY = {
  en: { title: 'Automatic sync failed', body: (name: string) => `"${name}" did not sync. Open MiniCRM XML Sync to see why.` },
  hu: { title: 'Nem sikerült az automatikus szinkronizálás', body: (name: string) => `A(z) „${name}” nem szinkronizált. Az okát a MiniCRM XML Sync alkalmazásban látja.` },
} as const;

function language(db: AppDatabase, io: CliIo): 'hu' | 'en' {
  const pref = db.settings.get<{ language?: string | null }>('app.prefs')?.language;
  if (pref === 'hu' || pref === 'en') return pref;
  return /^hu/i.test(io.env.LC_ALL ?? io.env.LC_MESSAGES ?? io.env.LANG ?? '') ? 'hu' : 'en';
}

const recordJson = (r: ScheduleRunRecord | null) => r && {
  id: r.id, startedAt: r.startedAt, finishedAt: r.finishedAt, outcome: r.outcome, run: r.runId, file: r.sourcePath, code: r.code, message: r.message, params: r.params,
};

async function list(args: CliArgs, io: CliIo, db: AppDatabase): Promise<number> {
  const sched = await detectScheduler(process.platform, { run: execRunner, home: homedir(), ...(io.env.XDG_CONFIG_HOME ? { configHome: io.env.XDG_CONFIG_HOME } : {}) });
  const key = entryKey(db.file);
  const rows = await Promise.all(db.schedules.list().map(async (s) => ({
    s, profile: db.profiles.get(s.profileId)?.name ?? null, last: db.schedules.lastRun(s.id),
    registered: sched ? await sched.isRegistered(key, s.id).catch(() => false) : false,
  })));
  if (boolFlag(args, 'json')) {
    io.out(JSON.stringify(rows.map(({ s, profile, last, registered }) => ({
      ...s, profileName: profile, system: sched?.kind ?? null, entry: sched?.entryName(key, s.id) ?? null, registered, lastRun: recordJson(last),
    })), null, 2));
    return 0;
  }
  if (rows.length === 0) io.out('No automatic syncs yet. Set one up in the app: Settings > Automatic sync.');
  for (const { s, profile, last, registered } of rows) {
    const when = s.when.kind === 'times' ? `at ${s.when.times.join(', ')}` : `every ${s.when.minutes} minutes`;
    const source = s.source.kind === 'file' ? s.source.path : join(s.source.folder, s.source.pattern);
    io.out(`#${s.id} ${s.name}: ${source} [${profile ?? 'profile deleted'}] ${when}, ${s.mode === 'changed' ? 'changed only' : 'all projects'}${s.enabled ? '' : ' (paused)'}`);
    io.out(`    ${sched ? `${sched.kind} ${registered ? 'entry registered' : 'NOT registered'}` : 'no scheduler on this computer'}; last run: ${last ? `${last.startedAt.replace('T', ' ').slice(0, 19)} ${last.outcome}${last.message ? ` — ${last.message}` : ''}` : 'never'}`);
  }
  return 0;
}

async function run(args: CliArgs, io: CliIo, db: AppDatabase, idText: string): Promise<number> {
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`"${idText}" is not a schedule number.`);
  const json = boolFlag(args, 'json');
  const ctx = cliJobContext(io);
  try {
    const { store } = cliSecretStore(args, io, db);
    const r = await runScheduledSync(db, id, { secrets: store, feedsDir: join(dirname(db.file), 'feeds'), onMessage: (m) => io.err(`Note: ${m}`) }, ctx);
    const failed = FAILED_OUTCOMES.includes(r.record.outcome);
    const exitCode = !failed ? 0 : r.record.code === 'disk-full' ? EXIT_DISK_FULL : (UNUSABLE_CODES as readonly string[]).includes(r.record.code ?? '') ? 2 : 1;
    if (json) {
      io.out(JSON.stringify({ ok: !failed, exitCode, schedule: id, ...recordJson(r.record), written: r.build?.counts.written ?? null, syncStatus: r.publish?.syncStatus ?? null, notes: r.notes }, null, 2));
    } else {
      const c = r.build?.counts;
      if (c) io.out(`Rows: ${num(c.rows)}   Projects: ${num(c.projects)}   Rejected: ${num(c.rejected)}   Written: ${num(c.written)}   Run #${r.build!.runId}`);
      (failed ? io.err : io.out)(`${failed ? 'Error: ' : ''}${r.record.message ?? r.record.outcome}`);
    }
    if (failed && io.host?.notify) {
      const t = NOTIFY[language(db, io)];
      await io.host.notify(t.title, t.body(db.schedules.get(id)?.name ?? `#${id}`)).catch(() => undefined);
    }
    return exitCode;
  } finally {
    ctx.dispose();
  }
}

/** `schedule list [--json]` | `schedule run ID [--json]` (what the operating system starts). */
export async function runSchedule(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'secrets', 'json']);
  const [action, id, ...rest] = args.positionals;
  if (rest.length || !((action === 'list' && id === undefined) || (action === 'run' && id !== undefined))) {
    throw new UsageError('Usage: schedule list | schedule run ID');
  }
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  try {
    return action === 'list' ? await list(args, io, db) : await run(args, io, db, id!);
  } finally {
    db.close();
  }
}
