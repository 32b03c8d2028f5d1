/**
 * The experimental third target: the feed is POSTed straight to MiniCRM's
 * `/Api/SyncFeed/{SystemId}/Upload` (the stand-in parses the body as it arrives). Same rules as a
 * SyncFeed: claimed before it leaves, never twice, MiniCRM's answer recorded, only a 200 delivers.
 * The body is streamed from the file: a child process sends a 300 MB feed with a small, bounded
 * memory (the figure is its peak RSS).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, closeSync, openSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../electron/services/db';
import { checkConnection } from '../../electron/services/publish/preflight';
import { publishRun, type PublishDeps } from '../../electron/services/publish/publish-run';
import { resendRun } from '../../electron/services/publish/run-actions';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { ConnectionSettings } from '../../electron/services/publish/settings';
import { silentJobContext } from '../../shared/domain/job';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { builtRun, openTestDb, project, recordingContext, tempDir } from './helpers';
import { baseRows, cliWith, PROFILE, writeCsv } from './journey-helpers';

const SYSTEM_ID = '31337';
const API_KEY = 'direct-KEY-5150';
let standin: MinicrmStandin;
let tmp: ReturnType<typeof tempDir>;
let db: AppDatabase;

beforeAll(async () => {
  standin = await startMinicrmStandin({ systemId: SYSTEM_ID, apiKey: API_KEY });
});
afterAll(async () => {
  await standin?.close();
});
beforeEach(() => {
  tmp = tempDir();
  db = openTestDb(tmp.dir);
  standin.projects.clear();
  standin.syncs.length = 0;
  standin.syncRequests.length = 0;
  standin.uploads.length = 0;
  standin.setFault(null);
  return () => {
    db.close();
    tmp.cleanup();
  };
});

const settings = (): ConnectionSettings => ({
  systemId: SYSTEM_ID, apiBaseUrl: standin.baseUrl, upload: { kind: 'minicrm' }, publicUrl: '', downloadUser: null, apiCaFile: null,
});
const deps = (apiKey = API_KEY): PublishDeps => ({ secrets: new MemorySecretStore({ 'minicrm.apiKey': apiKey }), settings: settings(), syncTimeoutMs: 10_000 });
const three = () => [project('D-1', 'Első'), project('D-2', 'Második'), project('D-3', 'Harmadik')];

describe('direct upload to MiniCRM (experimental)', () => {
  it('posts the feed itself: MiniCRM holds the projects, the answer is recorded and the baseline moves; no public address needed', async () => {
    const { runId, size } = await builtRun(db, tmp.dir, three());
    const ctx = recordingContext();
    const r = await publishRun(db, runId, deps(), ctx);
    expect(r).toMatchObject({ ok: true, status: 'delivered', delivered: 3, syncStatus: 200, publicUrl: null });
    expect(standin.uploads).toEqual([{ bytes: size, status: 200 }]);
    expect(standin.syncRequests).toEqual([]);
    expect(standin.projects.get('D-2')).toMatchObject({ Name: 'Második' });
    const run = db.runs.getRecord(runId)!;
    expect(run.uploadTarget).toBe(`${standin.baseUrl}/Api/SyncFeed/${SYSTEM_ID}/Upload`);
    expect(run.syncBody).toContain('"Projects":3');
    expect(run.syncedAt).not.toBeNull();
    expect(db.delivered.get('D-1')).not.toBeNull();
    // It counts towards MiniCRM's 180 syncs an hour like a SyncFeed, and the bytes were reported as they went.
    expect(db.apiCalls.countSince('syncfeed', new Date(Date.now() - 60_000))).toBe(1);
    expect(ctx.events.filter((e) => e.stage === 'uploading').at(-1)).toMatchObject({ done: size, total: size });
  });

  it('never sends the same run twice; "send again" is a new run that sends it once more', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    await publishRun(db, runId, deps(), silentJobContext());
    await expect(publishRun(db, runId, deps(), silentJobContext())).rejects.toMatchObject({ code: 'already-triggered' });
    expect(standin.uploads).toHaveLength(1);
    const again = resendRun(db, runId);
    expect(await publishRun(db, again, deps(), silentJobContext())).toMatchObject({ ok: true, status: 'delivered' });
    expect(standin.uploads).toHaveLength(2);
  });

  it('MiniCRM refusing the feed: its own words are kept, nothing is delivered, and the run is not tried again by itself', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    standin.setFault({ kind: '500', body: 'xml is not valid!' }, { on: 'upload' });
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r).toMatchObject({ ok: false, status: 'failed', code: 'sync-refused', syncStatus: 500 });
    expect(r.message).toContain('xml is not valid!');
    expect(db.delivered.get('D-1')).toBeNull();
    await expect(publishRun(db, runId, deps(), silentJobContext())).rejects.toMatchObject({ code: 'already-triggered' });
  });

  it('a wrong API key is refused as such, without the key in any message', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    const r = await publishRun(db, runId, deps('wrong-key-4711'), silentJobContext());
    expect(r).toMatchObject({ ok: false, code: 'sync-auth-refused', syncStatus: 401 });
    expect(JSON.stringify(db.runs.getRecord(runId))).not.toContain('wrong-key-4711');
  });

  it('a connection dropped during the upload: MiniCRM may have it, so nothing is delivered and nothing repeats it', async () => {
    const { runId } = await builtRun(db, tmp.dir, three());
    standin.setFault({ kind: 'drop' }, { on: 'upload' });
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r).toMatchObject({ ok: false, status: 'failed', code: 'sync-dropped' });
    expect(db.delivered.get('D-1')).toBeNull();
    await expect(publishRun(db, runId, deps(), silentJobContext())).rejects.toMatchObject({ code: 'already-triggered' });
  });

  it('a feed changed since it was built is refused before a byte is sent', async () => {
    const { runId, feedPath } = await builtRun(db, tmp.dir, three());
    appendFileSync(feedPath, '<!-- edited -->');
    const r = await publishRun(db, runId, deps(), silentJobContext());
    expect(r).toMatchObject({ ok: false, code: 'feed-changed' });
    expect(standin.uploads).toEqual([]);
  });

  it('the connection test says there is no folder to test and no public address is needed', async () => {
    const r = await checkConnection(settings(), new MemorySecretStore({ 'minicrm.apiKey': API_KEY }), { hostKeys: db.hostKeys, apiCalls: db.apiCalls });
    expect(r.ok).toBe(true);
    expect(r.parts.map((p) => [p.part, p.ok, p.code])).toEqual([
      ['minicrm', true, 'minicrm-ok'], ['upload', true, 'upload-direct'], ['public-url', true, 'public-url-not-needed'],
    ]);
  });

  it('the command line sets it up with config set upload.kind minicrm and syncs without a public URL', async () => {
    const dbFile = join(tmp.dir, 'cli.sqlite');
    const cli = cliWith({ MINICRM_API_KEY: API_KEY, MINICRM_SECRETS_FILE: join(tmp.dir, 'none.json') });
    expect((await cli('config', 'set', 'minicrm.systemId', SYSTEM_ID, '--db', dbFile)).code).toBe(0);
    expect((await cli('config', 'set', 'minicrm.apiBaseUrl', standin.baseUrl, '--db', dbFile)).code).toBe(0);
    expect((await cli('config', 'set', 'upload.kind', 'minicrm', '--db', dbFile)).code).toBe(0);
    const shown = await cli('config', 'show', '--db', dbFile, '--json');
    expect(JSON.parse(shown.out).settings.upload).toEqual({ kind: 'minicrm' });
    const csv = writeCsv(join(tmp.dir, 'c.csv'), baseRows());
    const r = await cli('sync', csv, '--profile', PROFILE, '--db', dbFile, '--out-dir', tmp.dir, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, status: 'delivered', publicUrl: null });
    expect([...standin.projects.keys()].sort()).toEqual(['C-001', 'C-002', 'C-003']);
  });
});

describe('the upload is streamed', () => {
  let server: Server;
  let received = 0;
  beforeAll(async () => {
    // Counts the body and answers like MiniCRM; it holds nothing either.
    server = createServer((req, res) => {
      req.on('data', (c: Buffer) => (received += c.length));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"Result":"OK"}'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a 300 MB feed leaves a process whose peak memory stays far below the feed size', { timeout: 120_000 }, async () => {
    const feed = join(tmp.dir, 'big.xml');
    const fd = openSync(feed, 'w');
    const piece = Buffer.from(`<Project Id="P"><Name>${'x'.repeat(1000)}</Name></Project>\n`);
    const block = Buffer.concat(Array.from({ length: 1024 }, () => piece));
    writeSync(fd, '<?xml version="1.0" encoding="UTF-8"?>\n<Projects>\n');
    let size = 0;
    while (size < 300 * 1048576) size += writeSync(fd, block);
    writeSync(fd, '</Projects>\n');
    closeSync(fd);
    // Bundled like the app (no TypeScript loader in the measured process).
    const child = join(tmp.dir, 'upload-child.mjs');
    await build({
      entryPoints: [resolve('test/publish/upload-memory-child.ts')], outfile: child, bundle: true, platform: 'node', format: 'esm',
      packages: 'external', target: 'node20', logLevel: 'silent',
    });
    const port = (server.address() as { port: number }).port;
    // Asynchronously: the counting server lives in this process.
    const r = await promisify(execFile)(process.execPath, [child, `http://127.0.0.1:${port}`, feed], { cwd: resolve('.'), timeout: 110_000 });
    const { ok, maxRssMb, bytes } = JSON.parse(r.stdout.trim()) as { ok: boolean; maxRssMb: number; bytes: number };
    expect(ok).toBe(true);
    expect(received).toBe(bytes);
    console.log(`direct upload of ${(bytes / 1048576).toFixed(0)} MB: peak RSS ${maxRssMb} MB`);
    expect(maxRssMb).toBeLessThan(150);
  });
});
