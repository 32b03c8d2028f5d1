/**
 * Saved profiles over the real handlers and database: a file of another layout recognised as a
 * saved profile is saved as a new one and the old one still maps its own files; `profile:usage`
 * tells what names a profile before it is deleted; deleting leaves history runs readable (their own
 * copy of the mapping) and kept rows stored under the name; renaming takes the kept rows along.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { Channel, IpcError, IpcResult, Req, Res } from '../../shared/ipc/contract';
import type { ProfileV1 } from '../../shared/profile/profile-types';

let dir: string;
let services: AppServices;
const FILE_A = ['Ügyfélkód;Cégnév;E-mail;Telefon;Város', 'W-1;Alfa Kft.;info@alfa.hu;+36 1 234 5678;Budapest'];
const FILE_B = ['Ügyfélkód;Cégnév;E-mail;Mobil;Irányítószám', 'W-1;Alfa Kft.;info@alfa.hu;+36 30 123 4567;1011'];

async function result<C extends Channel>(channel: C, req?: Req<C>): Promise<IpcResult<Res<C>>> {
  return (await invokeChannel(channel, services.handlers[channel], req)) as IpcResult<Res<C>>;
}
async function call<C extends Channel>(channel: C, req?: Req<C>): Promise<Res<C>> {
  const r = await result(channel, req);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
async function refusal<C extends Channel>(channel: C, req?: Req<C>): Promise<IpcError | null> {
  const r = await result(channel, req);
  return r.ok ? null : r.error;
}
const file = (name: string, lines: string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-profiles-'));
  services = createAppServices({
    userDataPath: join(dir, 'userData'),
    app: { version: '0.0.0-test', platform: process.platform, osLocale: 'hu-HU' },
    dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async () => null },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    secrets: new MemorySecretStore(),
  });
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('saved profiles: a new one for another layout, usage, delete, rename', () => {
  let a: string;
  let b: string;
  let webshop: number;
  let webshopJson: string;
  let newer: number;

  it('a file of another layout is recognised as "Webshop"; saved as a new profile, "Webshop" still maps file A as before', async () => {
    a = file('webshop-a.csv', FILE_A);
    b = file('webshop-b.csv', FILE_B);
    const first = await call('source:inspect', { path: a });
    ({ id: webshop } = await call('profile:save', { profile: { ...first.proposal, name: 'Webshop' }, headers: [...first.info.headers] }));
    webshopJson = services.db.profiles.get(webshop)!.json;

    const other = await call('source:inspect', { path: b });
    expect(other.matched).toMatchObject({ id: webshop, name: 'Webshop', missingColumns: ['Telefon', 'Város'] });
    // The user maps the new columns (here: the proposal for file B does) and saves it as a new profile.
    const mapping: ProfileV1 = { ...other.proposal, name: 'Webshop B' };
    ({ id: newer } = await call('profile:save', { profile: mapping, headers: [...other.info.headers] }));
    expect(newer).not.toBe(webshop);
    expect(services.db.profiles.get(webshop)!.json).toBe(webshopJson);
    expect((await call('profile:list')).map((p) => p.name)).toEqual(['Webshop', 'Webshop B']);

    // File A again: still "Webshop", nothing missing; file B now finds its own profile.
    expect((await call('source:inspect', { path: a })).matched).toMatchObject({ id: webshop, missingColumns: [] });
    expect((await call('source:inspect', { path: b })).matched).toMatchObject({ id: newer, name: 'Webshop B', missingColumns: [] });
  });

  it('saving a new profile under a saved profile\'s name is still refused, naming it', async () => {
    const p = (await call('profile:get', { id: newer })).profile;
    expect(await refusal('profile:save', { profile: { ...p, name: 'Webshop' } })).toMatchObject({ code: 'profile-name-taken', params: { profile: 'Webshop' } });
    expect(services.db.profiles.get(webshop)!.json).toBe(webshopJson);
  });

  it('profile:usage tells the history runs, kept rows and automatic syncs that name the profile', async () => {
    const db = services.db;
    expect(await call('profile:usage', { id: webshop })).toEqual({ runs: 0, keptRows: 0, schedules: [] });
    for (let i = 0; i < 2; i++) db.runs.create({ kind: 'build', status: 'validated', mode: 'full', profileName: 'Webshop', profileJson: webshopJson });
    db.runs.create({ kind: 'build', status: 'validated', mode: 'full', profileName: 'Webshop B' });
    db.parked.park('Webshop', 'webshop-a.csv', [{ row: 2, headers: ['Ügyfélkód', 'E-mail'], cells: ['W-9', 'rossz@'], issues: [] }]);
    db.schedules.create({ name: 'Reggeli', profileId: webshop, source: { kind: 'file', path: a }, when: { kind: 'times', times: ['07:00'] }, mode: 'changed', enabled: true });
    expect(await call('profile:usage', { id: webshop })).toEqual({ runs: 2, keptRows: 1, schedules: ['Reggeli'] });
    expect(await call('profile:usage', { id: newer })).toEqual({ runs: 1, keptRows: 0, schedules: [] });
    expect(await refusal('profile:usage', { id: 9999 })).toMatchObject({ code: 'profile-not-found' });
  });

  it('renaming a profile (Save → Update with a new name) takes its kept rows along', async () => {
    const p = (await call('profile:get', { id: webshop })).profile;
    expect(await call('profile:save', { id: webshop, profile: { ...p, name: 'Webshop 2025' }, headers: ['Ügyfélkód', 'Cégnév', 'E-mail', 'Telefon', 'Város'] })).toEqual({ id: webshop });
    expect(services.db.parked.count('Webshop')).toBe(0);
    expect(services.db.parked.count('Webshop 2025')).toBe(1);
    // Back under its name for the steps below: the row comes back with it.
    await call('profile:save', { id: webshop, profile: p, headers: ['Ügyfélkód', 'Cégnév', 'E-mail', 'Telefon', 'Város'] });
    expect(services.db.parked.count('Webshop')).toBe(1);
  });

  it('deleting keeps the history readable (each run its own mapping), the kept rows stored, and an automatic sync says its profile is gone', async () => {
    const [run] = (await call('runs:list', {})).filter((r) => r.profileName === 'Webshop');
    await call('profile:delete', { id: webshop });
    expect((await call('profile:list')).map((p) => p.name)).toEqual(['Webshop B']);
    expect(await refusal('profile:get', { id: webshop })).toMatchObject({ code: 'profile-not-found' });

    const detail = await call('runs:get', { id: run!.id });
    expect(detail).toMatchObject({ profileName: 'Webshop', profileJson: webshopJson });
    const [sched] = await call('schedules:list');
    expect(sched).toMatchObject({ schedule: { name: 'Reggeli' }, profileName: null });
    // File A is now recognised as the closest profile left (the case Save asks about on Mapping).
    expect((await call('source:inspect', { path: a })).matched).toMatchObject({ id: newer, missingColumns: ['Mobil', 'Irányítószám'] });
    expect(services.db.parked.count('Webshop')).toBe(1);
    // A profile saved under the name again gets the kept row back.
    const first = await call('source:inspect', { path: a });
    await call('profile:save', { profile: { ...first.proposal, name: 'Webshop' }, headers: [...first.info.headers] });
    expect((await call('source:inspect', { path: a })).parkedRows).toBe(1);
  });

  it('a saved profile missing some of the file\'s columns gives way to the mapping a sync of exactly this layout delivered', async () => {
    await call('profile:delete', { id: (await call('profile:list')).find((p) => p.name === 'Webshop')!.id });
    expect((await call('source:inspect', { path: a })).matched).toMatchObject({ name: 'Webshop B', missingColumns: ['Mobil', 'Irányítószám'] });
    // File A was synced with the (since deleted) "Webshop": that mapping reads file A exactly.
    services.db.runs.create({ kind: 'sync', status: 'delivered', finishedAt: new Date().toISOString(), sourceName: 'a.csv', profileName: 'Webshop', profileJson: webshopJson });
    const again = await call('source:inspect', { path: a });
    expect(again.matched).toBeNull();
    expect(again.delivered).toMatchObject({ profileName: 'Webshop', profile: JSON.parse(webshopJson) as ProfileV1 });
    // File B still gets its own saved profile.
    expect((await call('source:inspect', { path: b })).matched).toMatchObject({ name: 'Webshop B', missingColumns: [] });
  });
});
