/**
 * The schedule channels over the real handlers and database, with a scheduler that keeps its
 * entries in memory (the real ones are tested in test/schedule): saving registers the entry with
 * the full command, editing replaces it, pausing takes it out, removing takes it out first; a
 * system that refuses leaves the schedule saved with the reason; bad input is refused by the
 * contract or with a plain reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { MemoryScheduler } from '../schedule/memory-scheduler';
import type { ScheduleInput } from '../../shared/domain/schedule';

let dir: string;
let services: AppServices;
let scheduler: MemoryScheduler;
let profileId: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minicrm-sched-ipc-'));
  scheduler = new MemoryScheduler();
  services = createAppServices({
    userDataPath: dir, app: { version: 't', platform: 'linux', osLocale: 'hu-HU' },
    dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async () => null, openFolder: async () => '/home/anna/Exports' },
    shell: { openExternal: async () => undefined, openPath: async () => '' }, secrets: new MemorySecretStore(),
    schedules: { scheduler: async () => scheduler, command: { program: '/opt/MiniCRM XML Sync/resources/bin/minicrm-sync', args: ['--password-store=gnome-libsecret'] } },
  });
  profileId = services.db.profiles.save('Ügyfelek', JSON.stringify({ format: 'minicrm-sync-profile', version: 1, name: 'Ügyfelek', project: { Id: 'Kód' } }));
});
afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name: 'Napi', profileId, source: { kind: 'folder', folder: '/home/anna/Exports', pattern: 'ugyfelek-*.csv' },
  when: { kind: 'times', times: ['16:30', '07:30', '07:30'] }, mode: 'changed', enabled: true, ...over,
});

describe('schedules over IPC', () => {
  it('save registers the entry with the launcher and `schedule run <id> --db <file>`; the list asks the system', async () => {
    const view = await services.handlers['schedules:save']({ schedule: input() });
    expect(view.schedule.when).toEqual({ kind: 'times', times: ['07:30', '16:30'] });
    expect(view).toMatchObject({ profileName: 'Ügyfelek', entry: { system: 'systemd', registered: true, problem: null }, lastRun: null });
    const [e] = [...scheduler.entries.values()];
    expect(e!.command).toEqual({
      program: '/opt/MiniCRM XML Sync/resources/bin/minicrm-sync',
      args: ['--password-store=gnome-libsecret', 'schedule', 'run', String(view.schedule.id), '--db', services.db.file],
    });
    expect(new Date(view.nextRunAt!).getTime()).toBeGreaterThan(Date.now());
    scheduler.entries.clear();
    const [listed] = await services.handlers['schedules:list']();
    expect(listed!.entry.registered).toBe(false);
    // Its runs (none yet; each start of the system's entry adds one, newest first).
    expect(await services.handlers['schedules:runs']({ id: view.schedule.id })).toEqual([]);
    const run = services.db.schedules.startRun(view.schedule.id);
    services.db.schedules.finishRun(run, { outcome: 'skipped-locked', problem: { code: 'schedule-locked', message: 'Skipped: another sync was running.' } });
    expect(await services.handlers['schedules:runs']({ id: view.schedule.id })).toMatchObject([{ id: run, outcome: 'skipped-locked', code: 'schedule-locked' }]);
    expect((await services.handlers['schedules:list']())[0]!.lastRun).toMatchObject({ outcome: 'skipped-locked' });
  });

  it('several schedules; editing replaces the entry, pausing takes it out, removing takes it out before forgetting', async () => {
    const a = await services.handlers['schedules:save']({ schedule: input() });
    const b = await services.handlers['schedules:save']({ schedule: input({ name: 'Óránként', when: { kind: 'interval', minutes: 60 } }) });
    expect(scheduler.entries.size).toBe(2);
    await services.handlers['schedules:save']({ id: a.schedule.id, schedule: input({ when: { kind: 'interval', minutes: 120 } }) });
    expect([...scheduler.entries.values()].find((e) => e.schedule.id === a.schedule.id)!.schedule.when).toEqual({ kind: 'interval', minutes: 120 });
    const paused = await services.handlers['schedules:save']({ id: b.schedule.id, schedule: input({ name: 'Óránként', enabled: false }) });
    expect(paused).toMatchObject({ entry: { registered: false }, nextRunAt: null, schedule: { enabled: false } });
    await services.handlers['schedules:delete']({ id: a.schedule.id });
    expect(scheduler.entries.size).toBe(0);
    expect((await services.handlers['schedules:list']()).map((v) => v.schedule.name)).toEqual(['Óránként']);
  });

  it('a refusing system leaves the schedule saved with its reason; saving again registers it', async () => {
    scheduler.refuse = 'Access denied';
    const view = await services.handlers['schedules:save']({ schedule: input() });
    expect(view.entry).toMatchObject({ registered: false, problem: { code: 'scheduler-failed', params: { system: 'systemd', detail: 'Access denied' } } });
    scheduler.refuse = null;
    expect((await services.handlers['schedules:save']({ id: view.schedule.id, schedule: input() })).entry.registered).toBe(true);
  });

  it('refuses what cannot run: unknown profile, bad times and intervals, a pattern with a folder in it', async () => {
    await expect(services.handlers['schedules:save']({ schedule: input({ profileId: 999 }) })).rejects.toMatchObject({ code: 'schedule-profile-missing' });
    await expect(services.handlers['schedules:save']({ schedule: input({ source: { kind: 'folder', folder: '/x', pattern: 'a/*.csv' } }) }))
      .rejects.toMatchObject({ code: 'schedule-invalid' });
    const h = services.handlers['schedules:save'];
    expect(await invokeChannel('schedules:save', h, { schedule: input({ when: { kind: 'times', times: ['25:00'] } }) })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await invokeChannel('schedules:save', h, { schedule: { ...input(), when: { kind: 'interval', minutes: 7 } } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(services.handlers['schedules:delete']({ id: 42 })).rejects.toMatchObject({ code: 'schedule-not-found' });
    expect(scheduler.entries.size).toBe(0);
  });

  it('without a scheduler on the computer the schedule is saved and the view says why it cannot run', async () => {
    await services.close();
    services = createAppServices({
      userDataPath: dir, app: { version: 't', platform: 'linux', osLocale: 'hu-HU' },
      dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async () => null },
      shell: { openExternal: async () => undefined, openPath: async () => '' }, secrets: new MemorySecretStore(),
    });
    const view = await services.handlers['schedules:save']({ schedule: input() });
    expect(view.entry).toMatchObject({ system: null, registered: false, problem: { code: 'scheduler-unavailable' } });
    expect(await services.handlers['dialog:open-folder']()).toBeNull();
  });

  it('the folder dialog answers the chosen folder', async () => {
    expect(await services.handlers['dialog:open-folder']()).toBe('/home/anna/Exports');
  });
});
