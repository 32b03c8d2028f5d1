/** The schedules and commands the OS entry tests generate entries for (fixtures/ holds what they must give). */
import type { OsEntry } from '../../electron/services/schedule/os-entry';
import type { Schedule, ScheduleWhen } from '../../shared/domain/schedule';

export const KEY = 'a1b2c3d4';

/** A name with characters every format must escape, times out of order. */
export const SCHEDULE: Schedule = {
  id: 3, name: 'Napi ügyfelek & "ERP"', profileId: 1, source: { kind: 'folder', folder: '/home/anna/Exports', pattern: 'ugyfelek-*.csv' },
  when: { kind: 'times', times: ['12:00', '07:30', '16:30'] }, mode: 'changed', enabled: true, createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T08:00:00.000Z',
};

export const UNIX_COMMAND = {
  program: '/opt/MiniCRM XML Sync/resources/bin/minicrm-sync',
  args: ['--password-store=gnome-libsecret', 'schedule', 'run', '3', '--db', '/home/anna/.config/MiniCRM XML Sync/minicrm-sync.sqlite'],
};

export const WINDOWS_COMMAND = {
  program: 'C:\\Users\\Anna\\AppData\\Local\\Programs\\MiniCRM XML Sync\\MiniCRM XML Sync.exe',
  args: ['--cli', 'schedule', 'run', '3', '--db', 'C:\\Users\\Anna\\AppData\\Roaming\\MiniCRM XML Sync\\minicrm-sync.sqlite'],
};

export const entry = (when: ScheduleWhen = SCHEDULE.when, command = UNIX_COMMAND): OsEntry => ({ schedule: { ...SCHEDULE, when }, command, key: KEY });
export const EVERY_2H: ScheduleWhen = { kind: 'interval', minutes: 120 };
export const EVERY_15MIN: ScheduleWhen = { kind: 'interval', minutes: 15 };
