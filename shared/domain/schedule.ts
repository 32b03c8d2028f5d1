/**
 * Automatic syncs ("schedules"): what the user sets up in Settings > Automatic sync, what the
 * operating system runs, and what each run left behind. Shared by main (storage, the OS entries,
 * the run itself) and the renderer (the form), so both check the same rules.
 */
import type { CodedMessage, MessageCode, MessageParams } from './message-codes';

/**
 * Intervals in minutes. Each divides a day, so "every 2 hours" means 00:00, 02:00, … on every
 * system (Task Scheduler, launchd, systemd, cron) instead of drifting from when it was set up.
 */
export const SCHEDULE_INTERVALS = [15, 30, 60, 120, 180, 240, 360, 480, 720] as const;
export type ScheduleInterval = (typeof SCHEDULE_INTERVALS)[number];

export const MAX_SCHEDULE_TIMES = 12;

/** A fixed file, or the newest file in a folder whose name matches a pattern (`*` and `?`). */
export type ScheduleSource =
  | { kind: 'file'; path: string }
  | { kind: 'folder'; folder: string; pattern: string };

/** Times of day (`HH:MM`, local time), or an interval. */
export type ScheduleWhen =
  | { kind: 'times'; times: string[] }
  | { kind: 'interval'; minutes: ScheduleInterval };

export interface ScheduleInput {
  name: string;
  /** A saved profile (by id: renaming the profile keeps the schedule). */
  profileId: number;
  source: ScheduleSource;
  when: ScheduleWhen;
  /** `changed`: only projects that changed since the last delivered sync. */
  mode: 'changed' | 'full';
  /** A paused schedule keeps its settings but has no entry in the operating system. */
  enabled: boolean;
}

export interface Schedule extends ScheduleInput {
  id: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * How a scheduled run ended. Skips are not failures: `file-unchanged` (the source is the file the
 * last run already handled), `skipped-locked` (another sync was running), `rate-limited`
 * (MiniCRM's 180 syncs an hour are used up); the next run tries again.
 */
export const SCHEDULE_OUTCOMES = [
  'running', 'delivered', 'nothing-changed', 'file-unchanged', 'skipped-locked', 'rate-limited', 'no-file', 'failed',
] as const;
export type ScheduleOutcome = (typeof SCHEDULE_OUTCOMES)[number];

/** Outcomes the user must hear about (a banner at the next start, a desktop notification). */
export const FAILED_OUTCOMES: readonly ScheduleOutcome[] = ['failed', 'no-file'];

export interface ScheduleRunRecord {
  id: number;
  scheduleId: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: ScheduleOutcome;
  /** The run in the history (a build, and its upload and SyncFeed), when one was made. */
  runId: number | null;
  /** The file this run took (the newest match of a folder source). */
  sourcePath: string | null;
  /** English (CLI, logs); the UI shows `code` with `params`. */
  message: string | null;
  code: MessageCode | null;
  params: MessageParams | null;
  /** When the app showed a failure and the user dismissed it. */
  seenAt: string | null;
}

/** The operating system's scheduler that holds the entries on this computer. */
export type OsSchedulerKind = 'windows-task' | 'launchd' | 'systemd' | 'cron';

export interface OsEntryStatus {
  system: OsSchedulerKind | null;
  /** The entry exists in the operating system (asked each time the list is shown). */
  registered: boolean;
  /** Its name there (task name, launchd label, unit name, crontab marker). */
  name: string | null;
  /** Why it could not be registered or checked. */
  problem: CodedMessage | null;
}

export interface ScheduleView {
  schedule: Schedule;
  /** Null when the profile was deleted (the schedule cannot run until it is given another). */
  profileName: string | null;
  entry: OsEntryStatus;
  lastRun: ScheduleRunRecord | null;
  /** The next moment it is due (ISO), from its times or interval; null when paused. */
  nextRunAt: string | null;
}

/** A scheduled run the user has not seen yet that failed or left rows out. */
export interface ScheduleAttention {
  run: ScheduleRunRecord;
  scheduleName: string;
  /** Rows left out of that run because of errors (0 for failures before the build). */
  rejected: number;
  /** MiniCRM's own answer when it refused the feed (shown verbatim). */
  syncBody: string | null;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Problems of a schedule as plain English (null: fine); the form shows them beside the fields. */
export function scheduleProblem(s: ScheduleInput): string | null {
  if (!s.name.trim()) return 'The schedule needs a name.';
  if (!Number.isInteger(s.profileId) || s.profileId < 1) return 'Choose a saved profile.';
  if (s.source.kind === 'file' && !s.source.path.trim()) return 'Choose the file to sync.';
  if (s.source.kind === 'folder') {
    if (!s.source.folder.trim()) return 'Choose the folder the exports arrive in.';
    if (!s.source.pattern.trim() || /[\\/]/.test(s.source.pattern)) return 'The file name pattern must be a name like export-*.csv, without a folder.';
  }
  if (s.when.kind === 'times') {
    if (s.when.times.length === 0) return 'Add at least one time of day.';
    if (s.when.times.length > MAX_SCHEDULE_TIMES) return `At most ${MAX_SCHEDULE_TIMES} times of day.`;
    const bad = s.when.times.find((t) => !TIME.test(t));
    if (bad !== undefined) return `"${bad}" is not a time of day (HH:MM).`;
  } else if (!(SCHEDULE_INTERVALS as readonly number[]).includes(s.when.minutes)) {
    return 'Choose one of the offered intervals.';
  }
  return null;
}

/** Times sorted, without repeats (the form may add 07:30 twice). */
export function normalizeWhen(w: ScheduleWhen): ScheduleWhen {
  return w.kind === 'times' ? { kind: 'times', times: [...new Set(w.times)].sort() } : w;
}

/** Hours and minutes of each moment in a day the schedule is due: the OS entries are made from these. */
export function dueMoments(w: ScheduleWhen): Array<{ hour: number; minute: number }> {
  if (w.kind === 'times') return [...new Set(w.times)].sort().map((t) => ({ hour: Number(t.slice(0, 2)), minute: Number(t.slice(3, 5)) }));
  const out: Array<{ hour: number; minute: number }> = [];
  for (let m = 0; m < 24 * 60; m += w.minutes) out.push({ hour: Math.floor(m / 60), minute: m % 60 });
  return out;
}

/** The next due moment after `from` (local time). */
export function nextDue(w: ScheduleWhen, from: Date): Date {
  const moments = dueMoments(w);
  for (let day = 0; day < 2; day++) {
    for (const { hour, minute } of moments) {
      const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + day, hour, minute, 0, 0);
      if (d.getTime() > from.getTime()) return d;
    }
  }
  return new Date(from.getTime() + 86_400_000);
}
