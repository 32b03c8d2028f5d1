/**
 * The command line after a sync: `verify RUN|last` prints the check and exits 1 when a card
 * differs; `undo RUN [--dry-run]` sends the restore feed with the same rules as the app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { tempDir } from '../publish/helpers';
import { baseRows, cliWith, PROFILE, writeCsv } from '../publish/journey-helpers';

const API_KEY = 'cli-verify-key-5';
let nginx: NginxServer;
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  nginx = await startNginx();
  standin = await startMinicrmStandin({
    systemId: '9100', apiKey: API_KEY, ca: nginx.ca.caCert,
    schemas: { 3: { Name: 'Text(512)', StatusId: { 1: 'New' }, UserId: { 7: 'Anna' }, CategoryId: 'Int' } },
  });
  tmp = tempDir();
});
afterAll(async () => {
  await standin?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

describe('CLI: verify and undo', () => {
  it('sync -> verify last (all match, phones as MiniCRM writes them) -> a lost field: exit 1 -> undo --dry-run, undo', async () => {
    const db = join(tmp.dir, 'h.sqlite');
    const cli = cliWith({ MINICRM_SECRETS_FILE: join(tmp.dir, 'secrets.json'), MINICRM_API_KEY: API_KEY, MINICRM_UPLOAD_PASSWORD: nginx.password });
    for (const [k, v] of [
      ['minicrm.systemId', '9100'], ['minicrm.apiBaseUrl', standin.baseUrl], ['upload.kind', 'https'],
      ['upload.folderUrl', `${nginx.davUrl}cli/`], ['upload.user', nginx.user], ['upload.caFile', nginx.ca.caCertPath], ['public.url', `${nginx.publicUrl}cli/`],
    ] as const) expect((await cli('config', 'set', k, v, '--db', db)).code).toBe(0);
    const out = join(tmp.dir, 'out');
    const csv = writeCsv(join(tmp.dir, 'ugyfelek.csv'), baseRows());

    expect((await cli('verify', 'last', '--db', db)).err).toBe('Error: No run has been delivered to MiniCRM yet.');
    standin.rewritePhones(true);
    const first = await cli('sync', csv, '--profile', PROFILE, '--full', '--db', db, '--out-dir', out);
    expect(first.code, first.err).toBe(0);
    const ok = await cli('verify', 'last', '--no-wait', '--db', db);
    expect(ok.code, ok.err + ok.out).toBe(0);
    expect(ok.out).toContain('Run #1: 3 of 3 card(s) checked in MiniCRM: 3 match, 0 differ, 0 not there yet, 0 not comparable.');
    expect(standin.projects.get('C-001')?.['Business.Phones.Phone[0].Value']).toBe('06307654321');

    // MiniCRM loses the company name of the next import; the card's own name arrives.
    standin.loseFields(['Business.Name']);
    const rows = baseRows();
    rows[2]![1] = 'Nagy és Társa Bt.';
    writeCsv(csv, rows);
    expect((await cli('sync', csv, '--profile', PROFILE, '--changed-only', '--db', db, '--out-dir', out)).code).toBe(0);
    const report = join(tmp.dir, 'ellenorzes.csv');
    const bad = await cli('verify', '2', '--no-wait', '--db', db, '--export', report);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('1 of 1 card(s) checked in MiniCRM: 0 match, 1 differ');
    expect(bad.out).toContain('  C-002  DIFFERS\n      Business.Name: "Nagy és Társa Bt." -> "Nagy Bt."');
    expect(readFileSync(report, 'utf8')).toContain('C-002;differs;Business.Name;Nagy és Társa Bt.;Nagy Bt.;differs;');
    const json = JSON.parse((await cli('verify', '2', '--no-wait', '--db', db, '--json')).out) as { counts: { differs: number } };
    expect(json.counts.differs).toBe(1);

    standin.loseFields([]);
    const dry = await cli('undo', '2', '--dry-run', '--db', db);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('Undoing run #2 would put back 2 value(s) on 1 card(s).\n  C-002\n      Name: "Nagy és Társa Bt." -> "Nagy Bt."');
    expect(standin.syncs).toHaveLength(2);
    const undo = await cli('undo', '2', '--db', db, '--out-dir', out);
    expect(undo.code, undo.err).toBe(0);
    expect(undo.out).toContain('MiniCRM answered HTTP 200.');
    expect(standin.projects.get('C-002')).toMatchObject({ Name: 'Nagy Bt.', 'Business.Name': 'Nagy Bt.' });
    // Undoing it again finds nothing still holding run 2's values.
    const again = await cli('undo', '2', '--db', db, '--out-dir', out);
    expect(again.out).toContain('Nothing can be put back, so MiniCRM was not asked.');
    expect((await cli('undo', '999', '--db', db)).code).toBe(2);
    expect((await cli('verify', '2', '--sample', 'x', '--db', db)).code).toBe(2);
  });
});
