import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { tempDir } from './helpers';
import { cliWith } from './journey-helpers';

let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  standin = await startMinicrmStandin({ systemId: '808', apiKey: 'refs-key-808' });
  tmp = tempDir();
});
afterAll(async () => {
  await standin?.close();
  tmp?.cleanup();
});

describe('CLI: config, refs and unusable settings', () => {
  it('config refuses unknown keys and wrong values with one line (exit 2)', async () => {
    const db = join(tmp.dir, 'c.sqlite');
    const cli = cliWith({ MINICRM_SECRETS_FILE: join(tmp.dir, 'c-secrets.json') });
    const unknown = await cli('config', 'set', 'upload.colour', 'red', '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Error: Unknown setting "upload.colour"/);
    const early = await cli('config', 'set', 'upload.host', 'h', '--db', db);
    expect(early.code).toBe(2);
    expect(early.err).toBe('Error: "upload.host" belongs to an SFTP target; first run: config set upload.kind sftp');
    const port = await cli('config', 'set', 'upload.kind', 'sftp', '--db', db);
    expect(port.code).toBe(0);
    expect((await cli('config', 'set', 'upload.port', '99999', '--db', db)).err).toBe('Error: upload.port must be a port number (got "99999").');
  });

  it('a secrets file others can read is refused with the fix, exit 2', async () => {
    const db = join(tmp.dir, 's.sqlite');
    const file = join(tmp.dir, 'open-secrets.json');
    writeFileSync(file, JSON.stringify({ 'minicrm.apiKey': 'leaky-key-1' }));
    chmodSync(file, 0o644);
    const cli = cliWith({ MINICRM_SECRETS_FILE: file });
    await cli('config', 'set', 'minicrm.systemId', '808', '--db', db);
    const r = await cli('check-connection', '--db', db, '--json');
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out) as { parts: Array<{ part: string; ok: boolean; message: string }> };
    expect(parsed.parts[0]!.message).toMatch(/can be read by other users .* chmod 600/);
    expect(r.out).not.toContain('leaky-key-1');
    const show = await cli('config', 'show', '--db', db);
    expect(show.code).toBe(2);
    expect(show.out).not.toContain('leaky-key-1');
  });

  it('refs: validates first (nothing sent on bad rows), then links in batches and records them', async () => {
    const db = join(tmp.dir, 'r.sqlite');
    const cli = cliWith({ MINICRM_API_KEY: 'refs-key-808', MINICRM_SECRETS_FILE: join(tmp.dir, 'r-secrets.json') });
    await cli('config', 'set', 'minicrm.systemId', '808', '--db', db);
    await cli('config', 'set', 'minicrm.apiBaseUrl', standin.baseUrl, '--db', db);
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, 'MiniCRM;Ref\n12;C-001\nabc;C-002\n');
    const r1 = await cli('refs', bad, '--db', db);
    expect(r1.code).toBe(1);
    expect(r1.err).toContain('Row 3: MiniCRM project id must be a whole number: "abc".');
    expect(standin.referenceBatches).toBe(0);
    // With --json the refusal is a JSON document too.
    const j1 = await cli('refs', bad, '--db', db, '--json');
    expect(j1.code).toBe(1);
    expect(JSON.parse(j1.out)).toMatchObject({ ok: false, exitCode: 1, error: { code: 'refs-invalid-rows' } });
    const good = join(tmp.dir, 'good.csv');
    writeFileSync(good, 'MiniCRM;Ref\n' + Array.from({ length: 1203 }, (_, i) => `${1000 + i};R-${i}`).join('\n') + '\n');
    const r2 = await cli('refs', good, '--db', db);
    expect(r2.code, r2.err).toBe(0);
    expect(r2.out).toMatch(/^1,?203 reference id\(s\) linked in 3 batch\(es\)\. Run #\d+\.$/);
    expect(standin.references.get('2202')).toBe('R-1202');
    const app = openDatabase(db);
    const run = app.runs.list({ limit: 1 })[0]!;
    expect(app.references.list(run.id).map((b) => b.count)).toEqual([500, 500, 203]);
    app.close();
  });
});
