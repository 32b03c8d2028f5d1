/**
 * Linux with systemd: a user service (the command, run once) and a user timer (when). The timer's
 * OnCalendar lines are the due moments; Persistent= runs a moment missed while the computer was off
 * at the next start. Cron (cron-table.ts) is used where no systemd user session runs.
 */
import { dueMoments } from '../../../shared/domain/schedule';
import { describeEntry, entryBase, type OsEntry } from './os-entry';

/** One ExecStart word: quoted, with systemd's specifiers (%) and variables ($) kept literal. */
export function systemdQuote(arg: string): string {
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

/** A unit file value that is free text (the description): no line breaks, % kept literal. */
const text = (v: string): string => v.replace(/[\r\n]+/g, ' ').replace(/%/g, '%%');

const two = (n: number) => String(n).padStart(2, '0');

/** OnCalendar expressions: one per time of day, or one repeating expression for an interval. */
export function onCalendar(e: OsEntry): string[] {
  const w = e.schedule.when;
  if (w.kind === 'times') return dueMoments(w).map((m) => `*-*-* ${two(m.hour)}:${two(m.minute)}:00`);
  if (w.minutes < 60) return [`*-*-* *:00/${w.minutes}:00`];
  return [`*-*-* 00/${w.minutes / 60}:00:00`];
}

export function systemdUnits(e: OsEntry): { service: string; timer: string; base: string } {
  const base = entryBase(e.key, e.schedule.id);
  const desc = text(describeEntry(e.schedule));
  const service = [
    '[Unit]',
    `Description=${desc}`,
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${[e.command.program, ...e.command.args].map(systemdQuote).join(' ')}`,
    '',
  ].join('\n');
  const timer = [
    '[Unit]',
    `Description=${desc}`,
    '',
    '[Timer]',
    ...onCalendar(e).map((c) => `OnCalendar=${c}`),
    'Persistent=true',
    `Unit=${base}.service`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer, base };
}
