/**
 * What every operating system's entry is made from: the schedule, the command it starts, and the
 * names the entry goes by. The names carry a short key of the database path, so two databases
 * (a second user-data folder, the tests) never overwrite each other's entries.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Schedule } from '../../../shared/domain/schedule';

/** A program and its arguments, passed to the system as a list (never through a shell by us). */
export interface ScheduledCommand {
  program: string;
  args: string[];
}

export interface OsEntry {
  schedule: Schedule;
  /** The complete command the system starts: the launcher, `schedule run <id> --db <file>`. */
  command: ScheduledCommand;
  /** sha256 of the database path, 8 hex digits. */
  key: string;
}

export const entryKey = (dbFile: string): string => createHash('sha256').update(resolve(dbFile)).digest('hex').slice(0, 8);

/** systemd unit base name and cron marker: `minicrm-xml-sync-<key>-<id>`. */
export const entryBase = (key: string, id: number): string => `minicrm-xml-sync-${key}-${id}`;

/** launchd label (reverse DNS, as launchd expects). */
export const launchdLabel = (key: string, id: number): string => `hu.minicrm.xmlsync.${key}.${id}`;

/** Task Scheduler name, in its own folder so users find the app's tasks together. */
export const windowsTaskName = (key: string, id: number): string => `MiniCRM XML Sync\\Automatic sync ${id} (${key})`;

/** The arguments the launcher passes on to the CLI for one schedule. */
export function scheduleRunArgs(id: number, dbFile: string): string[] {
  return ['schedule', 'run', String(id), '--db', resolve(dbFile)];
}

/** What the entry's description says (names the schedule; no secret ever). */
export const describeEntry = (s: Schedule): string => `MiniCRM XML Sync: automatic sync "${s.name}" (set up in the app, Settings > Automatic sync)`;

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
