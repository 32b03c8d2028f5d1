// Check in MiniCRM and undo through the real handlers and worker threads: the check that starts by
// itself after a delivered sync, on demand, its refusals, History's annotations, and an undo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/main/app-services';
import { invokeChannel } from '../../electron/main/ipc/handle';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { RestoreSummary, VerificationDetail } from '../../shared/domain/verification';
import type { SyncResult } from '../../shared/ipc/types';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { caller, connectToTestServers } from './shell-harness';

const SYSTEM_ID = '4343';
const API_KEY = 'shell-verify-key-6';
let dir: string;
let nginx: NginxServer;
let standin: MinicrmStandin;
let services: AppServices;
const call = caller(() => services);
const csv = (rows: string[]) => writeFileSync(join(dir, 'ugyfelek.csv'), `Ügyfélkód;Cégnév;E-mail\r\n${rows.join('\r\n')}\r\n`, 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shell-verify-'));
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
  services = createAppServices({
    userDataPath: join(dir, 'userData'),
    app: { version: '0.0.0-test', platform: process.platform, osLocale: 'en-US' },
    dialogs: { openSource: async () => null, openProfile: async () => null, saveFile: async (o) => join(dir, o.defaultName) },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    secrets: new MemorySecretStore(),
    verifyWaits: { afterSync: [100, 500], onDemand: [0] },
  });
  await connectToTestServers(call, { systemId: SYSTEM_ID, apiKey: API_KEY, standin, nginx, folder: 'shell-verify' });
});

afterAll(async () => {
  await services?.close();
  await standin?.close();
  await nginx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function sync(rows: string[]): Promise<SyncResult> {
  csv(rows);
  const { proposal } = await call('source:inspect', { path: join(dir, 'ugyfelek.csv') });
  const { jobId } = await call('sync:start', { path: join(dir, 'ugyfelek.csv'), profile: proposal, mode: 'changed' });
  return (await services.jobs.wait(jobId)).result as SyncResult;
}

/** The check of `runId` once it has finished. */
async function settledCheck(runId: number): Promise<VerificationDetail & { jobId: string | null }> {
  for (let i = 0; i < 200; i++) {
    const c = await call('verify:latest', { runId });
    if (c && c.state !== 'running') return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the check did not finish');
}

describe('check in MiniCRM and undo through the handlers', () => {
  it('a delivered sync is checked by itself; a check on demand; an undo is prepared, reviewed and sent', async () => {
    const a = await sync(['S1;Alfa Kft.;info@alfa.hu', 'S2;Béta Bt.;beta@example.hu']);
    expect(a.status).toBe('delivered');
    const first = await settledCheck(a.runId);
    expect(first).toMatchObject({ state: 'done', checked: 2, counts: { match: 2 } });
    const [note] = await call('runs:annotations', { ids: [a.runId] });
    expect(note).toMatchObject({ runId: a.runId, check: { id: first.id, counts: { match: 2 } }, undoes: null, undoneBy: [] });

    const started = await call('verify:start', { runId: a.runId, picks: ['S2'] });
    expect(started.verificationId).toBeGreaterThan(first.id);
    const done = (await services.jobs.wait(started.jobId)).result as VerificationDetail;
    expect(done.counts.match).toBe(2);
    expect((await call('verify:export', { verificationId: done.id, format: 'csv' }))?.rows).toBe(2);

    const refused = await invokeChannel('verify:start', services.handlers['verify:start'], { runId: 999 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'run-not-found' } });
    const notPicked = await invokeChannel('verify:start', services.handlers['verify:start'], { runId: a.runId, picks: ['S9'] });
    expect(notPicked.ok).toBe(true);
    const failed = await services.jobs.wait((notPicked as { value: { jobId: string } }).value.jobId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'verify-unknown-cards', params: { ids: 'S9' } } });

    const b = await sync(['S1;Alfa Zrt.;info@alfa.hu', 'S2;Béta Bt.;beta@example.hu', 'S3;Gamma Kft.;g@example.hu']);
    await settledCheck(b.runId);
    const prep = await call('undo:prepare', { runId: b.runId });
    const summary = (await services.jobs.wait(prep.jobId)).result as RestoreSummary;
    expect(summary.counts).toMatchObject({ cards: 1, created: 1 });
    expect(await call('undo:get', { runId: summary.runId })).toEqual(summary);
    expect((await call('runs:annotations', { ids: [summary.runId, b.runId] })).map((x) => [x.undoes, x.undoneBy])).toEqual([[b.runId, []], [null, [summary.runId]]]);
    expect((await call('undo:export', { runId: summary.runId, format: 'xlsx' }))?.rows).toBe(1);
    const sent = await call('undo:send', { runId: summary.runId });
    expect((await services.jobs.wait(sent.jobId)).result).toMatchObject({ status: 'delivered' });
    expect(standin.projects.get('S1')?.Name).toBe('Alfa Kft.');
    // Sent once: a second send is refused; the restore is itself checked like any delivered run.
    expect(await invokeChannel('undo:send', services.handlers['undo:send'], { runId: summary.runId })).toMatchObject({ ok: false, error: { code: 'restore-not-sendable' } });
    expect((await settledCheck(summary.runId)).counts.match).toBe(1);
    expect(await invokeChannel('undo:get', services.handlers['undo:get'], { runId: a.runId })).toMatchObject({ ok: false, error: { code: 'restore-not-found' } });
  }, 180_000);
});
