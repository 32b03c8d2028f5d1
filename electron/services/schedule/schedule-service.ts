/**
 * What the app does with automatic syncs: save one (and register it with the operating system),
 * pause or remove it (and take its entry out), list them with whether the entry is really there
 * and how each last ran, and the failures to show at the next start.
 */
import { UnusableInputError } from '../../../shared/domain/errors';
import {
  normalizeWhen, nextDue, scheduleProblem, type OsEntryStatus, type Schedule, type ScheduleAttention, type ScheduleInput, type ScheduleView,
} from '../../../shared/domain/schedule';
import type { CodedMessage } from '../../../shared/domain/message-codes';
import { toIpcError } from '../../../shared/ipc/ipc-error';
import type { AppDatabase } from '../db';
import { entryKey, scheduleRunArgs, type ScheduledCommand } from './os-entry';
import type { OsScheduler } from './os-scheduler';

export interface ScheduleDeps {
  db: AppDatabase;
  /** The computer's scheduler (detected once, lazily); null where there is none. */
  scheduler(): Promise<OsScheduler | null>;
  /** How the system starts the CLI: the launcher (or the app's binary with --cli), before `schedule run …`. */
  command: ScheduledCommand;
  now?: () => Date;
}

const NO_SCHEDULER: CodedMessage = {
  code: 'scheduler-unavailable', message: 'This computer has no task scheduler the app can use (systemd user timers or cron), so automatic syncs cannot run here.',
};

function problemOf(e: unknown): CodedMessage {
  const err = toIpcError(e);
  return { code: err.code, message: e instanceof Error ? e.message : String(e), ...(err.params ? { params: err.params } : {}) };
}

/** The OS entry of a saved schedule: the launcher with `schedule run <id> --db <file>`. */
export function entryFor(deps: ScheduleDeps, s: Schedule) {
  return { schedule: s, key: entryKey(deps.db.file), command: { program: deps.command.program, args: [...deps.command.args, ...scheduleRunArgs(s.id, deps.db.file)] } };
}

async function entryStatus(deps: ScheduleDeps, s: Schedule): Promise<OsEntryStatus> {
  const sched = await deps.scheduler();
  if (!sched) return { system: null, registered: false, name: null, problem: NO_SCHEDULER };
  const key = entryKey(deps.db.file);
  try {
    return { system: sched.kind, registered: await sched.isRegistered(key, s.id), name: sched.entryName(key, s.id), problem: null };
  } catch (e) {
    return { system: sched.kind, registered: false, name: sched.entryName(key, s.id), problem: problemOf(e) };
  }
}

async function view(deps: ScheduleDeps, s: Schedule, problem: CodedMessage | null = null): Promise<ScheduleView> {
  const entry = await entryStatus(deps, s);
  return {
    schedule: s,
    profileName: deps.db.profiles.get(s.profileId)?.name ?? null,
    entry: problem ? { ...entry, problem } : entry,
    lastRun: deps.db.schedules.lastRun(s.id),
    nextRunAt: s.enabled ? nextDue(s.when, deps.now?.() ?? new Date()).toISOString() : null,
  };
}

export async function listSchedules(deps: ScheduleDeps): Promise<ScheduleView[]> {
  return Promise.all(deps.db.schedules.list().map((s) => view(deps, s)));
}

/**
 * Saves (creates, or updates `id`) and puts the entry into the operating system (a paused schedule:
 * takes it out). The schedule stays saved when the system refuses: its view says why, and saving
 * again tries again.
 */
export async function saveSchedule(deps: ScheduleDeps, id: number | undefined, input: ScheduleInput): Promise<ScheduleView> {
  const clean: ScheduleInput = { ...input, name: input.name.trim(), when: normalizeWhen(input.when) };
  const problem = scheduleProblem(clean);
  if (problem) throw new UnusableInputError('schedule-invalid', `The automatic sync is not complete: ${problem}`, { problem });
  if (!deps.db.profiles.get(clean.profileId)) throw new UnusableInputError('schedule-profile-missing', 'The chosen profile does not exist (any more).');
  if (id !== undefined && !deps.db.schedules.get(id)) throw new UnusableInputError('schedule-not-found', `There is no automatic sync #${id}.`, { id });
  const savedId = id ?? deps.db.schedules.create(clean);
  if (id !== undefined) deps.db.schedules.update(id, clean);
  const saved = deps.db.schedules.get(savedId)!;
  const sched = await deps.scheduler();
  if (!sched) return view(deps, saved, NO_SCHEDULER);
  try {
    if (saved.enabled) await sched.register(entryFor(deps, saved));
    else await sched.unregister(entryKey(deps.db.file), saved.id);
    return view(deps, saved);
  } catch (e) {
    return view(deps, saved, problemOf(e));
  }
}

/** Takes the entry out of the operating system, then forgets the schedule (its history runs keep their mark). */
export async function deleteSchedule(deps: ScheduleDeps, id: number): Promise<void> {
  if (!deps.db.schedules.get(id)) throw new UnusableInputError('schedule-not-found', `There is no automatic sync #${id}.`, { id });
  const sched = await deps.scheduler();
  // An entry that cannot be removed must not outlive its schedule silently: the error says why.
  if (sched) await sched.unregister(entryKey(deps.db.file), id);
  deps.db.schedules.delete(id);
}

export function scheduleAttention(db: AppDatabase): ScheduleAttention[] {
  return db.schedules.attention();
}
