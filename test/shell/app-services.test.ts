// The real handlers over real services in plain Node (as the e2e bridge uses them): SQLite in a
// temp user-data folder, the engine in a real worker thread, fake dialogs, memory secrets.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import type { Channel, EventName, IpcResult, Req, Res } from '../../shared/ipc/contract';
import type { CheckSession } from '../../shared/ipc/types';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { errorPolicy, withErrorPolicy } from '../../shared/profile/error-policy';
import { memoryIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run-cli';

let dir: string;
let services: AppServices;
const events: Array<{ event: EventName; payload: unknown }> = [];
let saveTo: string | null = null;

async function call<C extends Channel>(channel: C, req?: Req<C>): Promise<Res<C>> {
  const r = (await invokeChannel(channel, services.handlers[channel], req)) as IpcResult<Res<C>>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-app-'));
  writeFileSync(join(dir, 'ugyfelek.csv'), [
    'Ügyfélkód;Cégnév;E-mail',
    'C001;Alfa Kft.;info@alfa.hu',
    'C002;Béta Bt.;nem-email',
    'C003;Gamma Zrt.;gamma@example.hu',
  ].join('\r\n'), 'utf8');
  services = createAppServices({
    userDataPath: join(dir, 'userData'),
    app: { version: '0.0.0-test', platform: process.platform, osLocale: 'hu-HU' },
    dialogs: { openSource: async () => join(dir, 'ugyfelek.csv'), openProfile: async () => null, saveFile: async () => saveTo },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    secrets: new MemorySecretStore(),
    send: (event, payload) => events.push({ event, payload }),
  });
});

afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('handlers over real services', () => {
  let session: CheckSession;
  let profile: Res<'source:inspect'>['proposal'];

  it('inspects a file, proposes a mapping and remembers it as recent', async () => {
    const info = await call('app:info');
    expect(info.language).toBe('hu');
    const r = await call('source:inspect', { path: join(dir, 'ugyfelek.csv') });
    expect(r.info.headers).toEqual(['Ügyfélkód', 'Cégnév', 'E-mail']);
    expect(r.matched).toBeNull();
    // New profiles leave a bad optional value out; these tests hold such rows back, as a user can choose.
    expect(errorPolicy(r.proposal).values).toBe('leave-out');
    profile = withErrorPolicy(r.proposal, { values: 'reject' });
    expect(JSON.stringify(profile.project.Id)).toContain('Ügyfélkód');
    const recent = await call('recent:list');
    expect(recent.map((f) => f.fileName)).toEqual(['ugyfelek.csv']);
  });

  it('saves the profile and recognises the file with it next time', async () => {
    const { id } = await call('profile:save', { profile: { ...profile, name: 'ERP' }, headers: ['Ügyfélkód', 'Cégnév', 'E-mail'] });
    expect((await call('profile:list')).map((p) => p.name)).toEqual(['ERP']);
    expect((await call('profile:get', { id })).profile.name).toBe('ERP');
    const again = await call('source:inspect', { path: join(dir, 'ugyfelek.csv') });
    expect(again.matched).toMatchObject({ id, name: 'ERP', missingColumns: [] });
  });

  it('saves the recognised profile again under its id: an update of the same profile, not a name clash', async () => {
    const id = (await call('profile:list'))[0]!.id;
    const changed = { ...profile, name: 'ERP', phoneRegion: 'AT' };
    expect(await call('profile:save', { id, profile: changed, headers: ['Ügyfélkód', 'Cégnév', 'E-mail'] })).toEqual({ id });
    expect((await call('profile:list')).map((p) => p.name)).toEqual(['ERP']);
    expect((await call('profile:get', { id })).profile.phoneRegion).toBe('AT');
    // Put back as it was for the steps below.
    await call('profile:save', { id, profile: { ...profile, name: 'ERP' }, headers: ['Ügyfélkód', 'Cégnév', 'E-mail'] });
  });

  it('never saves over another profile of the same name: a plain sentence names it, and both profiles stay as they were', async () => {
    const erp = (await call('profile:list'))[0]!.id;
    const clash = async (req: Req<'profile:save'>) => {
      const r = (await invokeChannel('profile:save', services.handlers['profile:save'], req)) as IpcResult<Res<'profile:save'>>;
      return r.ok ? null : r.error;
    };
    // A new profile (or one imported from a file) named like a saved one.
    expect(await clash({ profile: { ...profile, name: 'ERP', phoneRegion: 'DE' } })).toMatchObject({ code: 'profile-name-taken', params: { profile: 'ERP' } });
    expect((await call('profile:get', { id: erp })).profile.phoneRegion).toBeUndefined();
    // A second saved profile renamed to the first one's name.
    const { id: shop } = await call('profile:save', { profile: { ...profile, name: 'Webshop' } });
    expect(await clash({ id: shop, profile: { ...profile, name: 'ERP' } })).toMatchObject({ code: 'profile-name-taken', params: { profile: 'ERP' } });
    expect((await call('profile:list')).map((p) => [p.id, p.name])).toEqual([[erp, 'ERP'], [shop, 'Webshop']]);
    // Another name works, under the same id.
    expect(await call('profile:save', { id: shop, profile: { ...profile, name: 'Webshop 2026' } })).toEqual({ id: shop });
    await call('profile:delete', { id: shop });
    expect((await call('profile:list')).map((p) => p.name)).toEqual(['ERP']);
  });

  it('validates in a worker, pushes progress and done, and keeps the rows for the grid', async () => {
    const { jobId } = await call('validate:start', { path: join(dir, 'ugyfelek.csv'), profile });
    const final = await services.jobs.wait(jobId);
    expect(final.state).toBe('done');
    session = final.result as CheckSession;
    expect(session.counts).toMatchObject({ rows: 3, errors: 1, problemRows: 1, valid: 2, rejected: 1 });
    // The inspect above ran as a job too: find this job's event.
    const done = events.find((e) => e.event === 'job:done' && (e.payload as { jobId?: string }).jobId === jobId);
    expect(done?.payload).toMatchObject({ jobId, kind: 'validate' });
    const page = await call('check:rows', { sessionId: session.sessionId, onlyProblems: true, offset: 0, limit: 50 });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ row: 3, cells: ['C002', 'Béta Bt.', 'nem-email'] });
    expect(page.rows[0]?.issues[0]).toMatchObject({ code: 'invalid-email', column: 'E-mail', severity: 'error' });
    expect((await call('check:rows', { sessionId: session.sessionId, onlyProblems: false, offset: 1, limit: 1 })).rows.map((r) => r.row)).toEqual([3]);
  });

  it('exports the problems to CSV through the save dialog', async () => {
    saveTo = join(dir, 'problems.csv');
    const r = await call('check:export-problems', { sessionId: session.sessionId, format: 'csv' });
    expect(r).toEqual({ path: saveTo, rows: 1 });
    const text = readFileSync(saveTo, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('3;error;E-mail;');
    // The command line writes the very same file.
    const profileFile = join(dir, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(profile));
    const io = memoryIo({ MINICRM_SYNC_HOME: join(dir, 'cli-home') });
    expect(await runCli(['validate', join(dir, 'ugyfelek.csv'), '--profile', profileFile, '--problems', join(dir, 'cli-problems.csv')], io)).toBe(1);
    expect(readFileSync(join(dir, 'cli-problems.csv'), 'utf8')).toBe(text);
    saveTo = null;
    expect(await call('check:export-problems', { sessionId: session.sessionId, format: 'xlsx' })).toBeNull();
  });

  it('an inline fix re-checks that row and updates the counts; exclusions count too', async () => {
    const fixed = await call('check:edit-cell', { sessionId: session.sessionId, row: 3, column: 'E-mail', value: 'beta@example.hu' });
    expect(fixed.row).toMatchObject({ row: 3, issues: [], edited: ['E-mail'] });
    expect(fixed.counts).toMatchObject({ errors: 0, problemRows: 0, valid: 3, rejected: 0 });
    const counts = await call('check:exclude-rows', { sessionId: session.sessionId, rows: [2], excluded: true });
    expect(counts.excluded).toBe(1);
    const s = await call('check:session', { sessionId: session.sessionId });
    expect(s.edits).toEqual([{ row: 3, column: 'E-mail', value: 'beta@example.hu' }]);
    expect(s.excludedRows).toEqual([2]);
  });

  it('previews the changes in a worker with the session edits (all new before any sync)', async () => {
    const s = await call('check:session', { sessionId: session.sessionId });
    const { jobId } = await call('preview:start', { path: join(dir, 'ugyfelek.csv'), profile, edits: s.edits, excludedRows: s.excludedRows, mode: 'changed' });
    const final = await services.jobs.wait(jobId);
    expect(final.state).toBe('done');
    expect(final.result).toMatchObject({ counts: { new: 2, changed: 0, unchanged: 0, rejected: 0 } });
  });

  it('parks the invalid rows; they come back editable into the next check of the same profile, columns matched by name', async () => {
    const erp = { ...profile, name: 'ERP' };
    const first = (await services.jobs.wait((await call('validate:start', { path: join(dir, 'ugyfelek.csv'), profile: erp })).jobId)).result as CheckSession;
    expect(await call('check:park-invalid', { sessionId: first.sessionId, profileName: 'ERP' })).toEqual({ parked: 1 });
    // Parking twice from one session updates the row instead of parking it twice.
    expect(await call('check:park-invalid', { sessionId: first.sessionId, profileName: 'ERP' })).toEqual({ parked: 1 });
    // Checking the same file again: its parked row is in it already, so it does not come back twice
    // (and the Source screen does not announce it).
    expect((await call('source:inspect', { path: join(dir, 'ugyfelek.csv') })).parkedRows).toBe(0);
    const same = (await services.jobs.wait((await call('validate:start', { path: join(dir, 'ugyfelek.csv'), profile: erp })).jobId)).result as CheckSession;
    expect(same).toMatchObject({ restoredParked: 0, counts: { rows: 3, errors: 1 } });

    // The next export has its columns in another order and one more customer.
    writeFileSync(join(dir, 'ugyfelek-2.csv'), ['E-mail;Cégnév;Ügyfélkód', 'delta@example.hu;Delta Kft.;C004'].join('\r\n'), 'utf8');
    const next = (await services.jobs.wait((await call('validate:start', { path: join(dir, 'ugyfelek-2.csv'), profile: erp })).jobId)).result as CheckSession;
    expect(next.restoredParked).toBe(1);
    expect(next.counts).toMatchObject({ rows: 2, errors: 1, valid: 1, rejected: 1 });
    const rows = await call('check:rows', { sessionId: next.sessionId, onlyProblems: false, offset: 0, limit: 10 });
    expect(rows.rows.map((r) => [r.parked, r.origin, r.cells])).toEqual([
      [false, null, ['delta@example.hu', 'Delta Kft.', 'C004']],
      [true, { fileName: 'ugyfelek.csv', row: 3 }, ['nem-email', 'Béta Bt.', 'C002']],
    ]);
    const restored = rows.rows[1]!;
    expect(restored.issues[0]!.params).toMatchObject({ parkedFile: 'ugyfelek.csv', parkedRow: 3 });
    // Shown is not taken: the row stays parked until a sync delivers it.
    expect((await call('source:inspect', { path: join(dir, 'ugyfelek-2.csv') })).parkedRows).toBe(1);

    const fixed = await call('check:edit-cell', { sessionId: next.sessionId, row: restored.row, column: 'E-mail', value: 'beta@example.hu' });
    expect(fixed.row).toMatchObject({ issues: [], edited: ['E-mail'], origin: { row: 3 } });
    expect(fixed.counts).toMatchObject({ errors: 0, valid: 2, rejected: 0 });
    const s = await call('check:session', { sessionId: next.sessionId });
    const { jobId } = await call('preview:start', {
      path: join(dir, 'ugyfelek-2.csv'), profile: erp, edits: s.edits, excludedRows: s.excludedRows, mode: 'changed', sessionId: next.sessionId,
    });
    expect((await services.jobs.wait(jobId)).result).toMatchObject({ counts: { new: 2, rejected: 0 } });

    // Parking now keeps the fix (the row is not sent yet); nothing is parked twice.
    expect(await call('check:park-invalid', { sessionId: next.sessionId, profileName: 'ERP' })).toEqual({ parked: 1 });
    const again = (await services.jobs.wait((await call('validate:start', { path: join(dir, 'ugyfelek-2.csv'), profile: erp })).jobId)).result as CheckSession;
    expect(again).toMatchObject({ restoredParked: 1, counts: { errors: 0, valid: 2 } });
    await call('check:close', { sessionId: next.sessionId });
    const gone = await invokeChannel('check:rows', services.handlers['check:rows'], { sessionId: next.sessionId, onlyProblems: false, offset: 0, limit: 1 });
    expect(gone.ok).toBe(false);
  });

  it('forgets a kept row for good: off the parked list and out of the check; a file row is refused', async () => {
    const erp = { ...profile, name: 'ERP' };
    const path = join(dir, 'ugyfelek-2.csv');
    // Left by the test above: Béta, parked from ugyfelek.csv (fixed, not sent yet).
    expect(services.db.parked.list('ERP').map((p) => [p.sourceName, p.row])).toEqual([['ugyfelek.csv', 3]]);
    const s = (await services.jobs.wait((await call('validate:start', { path, profile: erp })).jobId)).result as CheckSession;
    expect(s).toMatchObject({ restoredParked: 1, counts: { rows: 2 } });
    const kept = (await call('check:rows', { sessionId: s.sessionId, onlyProblems: false, offset: 0, limit: 10 })).rows[1]!;

    const refused = await invokeChannel('check:discard-kept', services.handlers['check:discard-kept'], { sessionId: s.sessionId, row: 2 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'row-not-kept', params: { row: 2 } } });
    const malformed = await invokeChannel('check:discard-kept', services.handlers['check:discard-kept'], { sessionId: s.sessionId, row: 'x' });
    expect(malformed.ok).toBe(false);
    expect(services.db.parked.list('ERP')).toHaveLength(1);

    const after = await call('check:discard-kept', { sessionId: s.sessionId, row: kept.row });
    expect(after).toMatchObject({ sessionId: s.sessionId, restoredParked: 0, counts: { rows: 1, valid: 1, errors: 0 } });
    expect(services.db.parked.list('ERP')).toEqual([]);
    const rows = await call('check:rows', { sessionId: s.sessionId, onlyProblems: false, offset: 0, limit: 10 });
    expect(rows.rows.map((r) => r.origin)).toEqual([null]);
    expect((await call('source:inspect', { path })).parkedRows).toBe(0);
    const again = (await services.jobs.wait((await call('validate:start', { path, profile: erp })).jobId)).result as CheckSession;
    expect(again).toMatchObject({ restoredParked: 0, counts: { rows: 1 } });
  });

  it('secrets are write-only: settings show only whether one is stored', async () => {
    const v = await call('settings:set-secret', { name: 'minicrm.apiKey', value: 'top-secret-key' });
    expect(v.secrets['minicrm.apiKey']).toBe(true);
    expect(JSON.stringify(await call('settings:get'))).not.toContain('top-secret-key');
    expect((await call('settings:clear-secret', { name: 'minicrm.apiKey' })).secrets['minicrm.apiKey']).toBe(false);
    expect(await call('schema:cached', { categoryId: '21' })).toBeNull();
    expect((await invokeChannel('schema:get', services.handlers['schema:get'], { categoryId: '../x' })).ok).toBe(false);
    const saved = await call('settings:save', { prefs: { language: 'en' } });
    expect(saved.language).toBe('en');
  });

  it('refuses non-https external links and unknown runs with plain errors', async () => {
    const r = await invokeChannel('app:open-external', services.handlers['app:open-external'], { url: 'file:///etc/passwd' });
    expect(r).toMatchObject({ ok: false, error: { code: 'link-not-https' } });
    const run = await invokeChannel('runs:get', services.handlers['runs:get'], { id: 999 });
    expect(run).toMatchObject({ ok: false, error: { code: 'run-not-found', params: { id: 999 } } });
  });
});
