// Parked rows through the real handlers and a real sync (HTTPS upload to nginx, SyncFeed to the
// MiniCRM stand-in): a restored row that was fixed is sent and leaves the parked list; one still
// invalid, one excluded and all of them after a failed sync stay parked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/main/app-services';
import type { Req } from '../../shared/ipc/contract';
import type { CheckSession, SyncResult } from '../../shared/ipc/types';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { caller, connectToTestServers, testServices } from './shell-harness';
import { withErrorPolicy } from '../../shared/profile/error-policy';

const SYSTEM_ID = '4343';
const API_KEY = 'parked-api-key-123';
let dir: string;
let nginx: NginxServer;
let standin: MinicrmStandin;
let services: AppServices;

const call = caller(() => services);

const csv = (name: string, lines: string[]) => {
  writeFileSync(join(dir, name), lines.join('\r\n'), 'utf8');
  return join(dir, name);
};

async function check(path: string, profile: Req<'validate:start'>['profile']): Promise<CheckSession> {
  const final = await services.jobs.wait((await call('validate:start', { path, profile })).jobId);
  return final.result as CheckSession;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shell-parked-'));
  nginx = await startNginx();
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY, ca: nginx.ca.caCert });
  services = testServices(dir);
});

afterAll(async () => {
  await services?.close();
  await standin?.close();
  await nginx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('parked rows and sync', () => {
  it('a fixed restored row is delivered and leaves the parked list; the others stay parked', async () => {
    const first = csv('januar.csv', [
      'Ügyfélkód;Cégnév;E-mail',
      'P1;Alfa Kft.;info@alfa.hu',
      'P2;Béta Bt.;nem-email',
      'P3;Gamma Zrt.;gamma@',
      'P4;Delta Kft.;delta@@x',
    ]);
    const { proposal } = await call('source:inspect', { path: first });
    // Rows with a bad e-mail are held back (the user's choice on the mapping screen), so they can be parked.
    const profile = { ...withErrorPolicy(proposal, { values: 'reject' }), name: 'Havi' };
    await call('profile:save', { profile, headers: ['Ügyfélkód', 'Cégnév', 'E-mail'] });
    const s1 = await check(first, profile);
    expect(await call('check:park-invalid', { sessionId: s1.sessionId, profileName: 'Havi' })).toEqual({ parked: 3 });

    // Without connection settings the sync fails before sending: every parked row stays.
    const second = csv('februar.csv', ['E-mail;Ügyfélkód;Cégnév', 'epszilon@example.hu;P5;Epszilon Kft.']);
    const s2 = await check(second, profile);
    const rows = (await call('check:rows', { sessionId: s2.sessionId, onlyProblems: true, offset: 0, limit: 10 })).rows;
    expect(rows.map((r) => r.origin)).toEqual([2, 3, 4].map((row) => ({ fileName: 'januar.csv', row: row + 1 })));
    const [beta, gamma, delta] = rows;
    await call('check:edit-cell', { sessionId: s2.sessionId, row: beta!.row, column: 'E-mail', value: 'beta@example.hu' });
    await call('check:exclude-rows', { sessionId: s2.sessionId, rows: [delta!.row], excluded: true });
    const state = await call('check:session', { sessionId: s2.sessionId });
    const request = { path: second, profile, edits: state.edits, excludedRows: state.excludedRows, mode: 'changed' as const, sessionId: s2.sessionId };
    const failed = await services.jobs.wait((await call('sync:start', request)).jobId);
    expect(failed).toMatchObject({ state: 'failed' });
    expect((await call('source:inspect', { path: second })).parkedRows).toBe(3);

    await connectToTestServers(call, { systemId: SYSTEM_ID, apiKey: API_KEY, standin, nginx, folder: 'parked' });
    const sent = (await services.jobs.wait((await call('sync:start', request)).jobId)).result as SyncResult;
    expect(sent).toMatchObject({ status: 'delivered', counts: { rows: 3, written: 2, rejected: 1 } });
    expect([...standin.projects.keys()].sort()).toEqual(['P2', 'P5']);
    const detail = await call('runs:get', { id: sent.runId });
    expect(detail.issues.find((i) => i.value === 'gamma@')?.params).toMatchObject({ parkedFile: 'januar.csv', parkedRow: 4 });

    // Gamma (still invalid) and Delta (excluded) come back with the next import; Béta was delivered.
    expect((await call('source:inspect', { path: second })).parkedRows).toBe(2);
    const s3 = await check(second, profile);
    const back = (await call('check:rows', { sessionId: s3.sessionId, onlyProblems: true, offset: 0, limit: 10 })).rows;
    expect(back.map((r) => [r.row, r.origin?.row])).toEqual([[gamma!.row, 4], [delta!.row, 5]]);
  }, 180_000);
});
