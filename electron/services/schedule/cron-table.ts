/**
 * Linux without a systemd user session: lines in the user's crontab. Each line ends with a marker
 * comment naming its entry, so the app replaces or removes exactly its own lines and leaves every
 * other line of the user's crontab as it was. Output is discarded (cron would mail it): every run
 * records its outcome in the app's database, which the app shows.
 */
import { dueMoments } from '../../../shared/domain/schedule';
import { entryBase, type OsEntry } from './os-entry';

/** One word for /bin/sh, which cron runs the line with; `%` is special to cron itself. */
export function shellQuote(arg: string): string {
  const quoted = /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
  return quoted.replace(/%/g, '\\%');
}

export const cronMarker = (key: string, id: number): string => `# ${entryBase(key, id)}`;

/** The schedule's crontab lines: times grouped by minute (`30 7,12 * * *`), an interval as a step. */
export function cronLines(e: OsEntry): string[] {
  const w = e.schedule.when;
  const command = `${[e.command.program, ...e.command.args].map(shellQuote).join(' ')} >/dev/null 2>&1 ${cronMarker(e.key, e.schedule.id)}`;
  if (w.kind === 'interval') {
    return [w.minutes < 60 ? `*/${w.minutes} * * * * ${command}` : `0 */${w.minutes / 60} * * * ${command}`];
  }
  const byMinute = new Map<number, number[]>();
  for (const m of dueMoments(w)) byMinute.set(m.minute, [...(byMinute.get(m.minute) ?? []), m.hour]);
  return [...byMinute].sort(([a], [b]) => a - b).map(([minute, hours]) => `${minute} ${hours.join(',')} * * * ${command}`);
}

const isOurs = (line: string, marker: string): boolean => line.trimEnd().endsWith(marker);

/** The crontab with this entry's lines replaced by `lines` (none: removed); other lines untouched. */
export function withCronLines(crontab: string, key: string, id: number, lines: readonly string[]): string {
  const marker = cronMarker(key, id);
  const kept = crontab.split('\n').filter((l) => !isOurs(l, marker));
  while (kept.length > 0 && kept.at(-1) === '') kept.pop();
  const all = [...kept, ...lines];
  return all.length ? `${all.join('\n')}\n` : '';
}

export function hasCronLines(crontab: string, key: string, id: number): boolean {
  const marker = cronMarker(key, id);
  return crontab.split('\n').some((l) => isOurs(l, marker) && !l.trimStart().startsWith('#'));
}
