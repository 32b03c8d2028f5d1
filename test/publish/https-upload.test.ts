import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../electron/services/publish/publish-error';
import type { HttpsTarget } from '../../electron/services/publish/settings';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { uploadFeed } from '../../electron/services/publish/upload';
import type { AppDatabase } from '../../electron/services/db';
import { BEARER_TOKEN, startNginx, type NginxServer } from '../servers/nginx-server';
import { startTcpProxy } from '../servers/tcp-proxy';
import { freePort } from '../servers/free-port';
import { FAST_RETRY, openTestDb, recordingContext, tempDir } from './helpers';
import { get } from 'node:https';

let nginx: NginxServer;
let tmp: ReturnType<typeof tempDir>;
let db: AppDatabase;
let feed: string;
const FEED_SIZE = 2 * 1024 * 1024 + 5;

beforeAll(async () => {
  nginx = await startNginx();
  tmp = tempDir();
  db = openTestDb(tmp.dir);
  feed = join(tmp.dir, 'feed.xml');
  writeFileSync(feed, Buffer.alloc(FEED_SIZE, 0x42));
});
afterAll(async () => {
  db?.close();
  await nginx?.stop();
  tmp?.cleanup();
});

function target(over: Partial<HttpsTarget> = {}): HttpsTarget {
  return { kind: 'https', folderUrl: `${nginx.davUrl}feeds/`, auth: 'basic', user: nginx.user, caFile: nginx.ca.caCertPath, ...over };
}
const settingsFor = (t: HttpsTarget) => ({ systemId: '1', apiBaseUrl: 'http://x', upload: t, publicUrl: 'https://x/', downloadUser: null });
const pw = (p?: string) => new MemorySecretStore({ 'upload.password': p ?? nginx.password });
const opts = () => ({ hostKeys: db.hostKeys, retry: FAST_RETRY });

async function failure(p: Promise<unknown>): Promise<PublishError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(PublishError);
  return e as PublishError;
}

function fetchPublic(url: string): Promise<{ status: number; length: number }> {
  return new Promise((resolve, reject) => {
    get(url, { ca: nginx.ca.caCert }, (res) => {
      let length = 0;
      res.on('data', (c: Buffer) => { length += c.length; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, length }));
    }).on('error', reject);
  });
}

describe('HTTPS upload against a real nginx WebDAV over TLS', () => {
  it('streams a PUT to .part, MOVEs it in place, reports progress; the public URL serves it', async () => {
    const ctx = recordingContext();
    const res = await uploadFeed(settingsFor(target()), pw(), feed, 'feed 1.xml', opts(), ctx);
    expect(res.target).toBe(`${nginx.davUrl}feeds/feed%201.xml`);
    expect(nginx.files('feeds')).toEqual(['feed 1.xml']);
    expect(await fetchPublic(`${nginx.publicUrl}feeds/feed%201.xml`)).toEqual({ status: 200, length: FEED_SIZE });
    expect(ctx.events.at(-1)).toMatchObject({ stage: 'uploading', done: FEED_SIZE, total: FEED_SIZE });
    expect(ctx.events.length).toBeGreaterThan(2);
  });

  it('bearer token auth', async () => {
    const t = target({ folderUrl: `${nginx.bearerUrl}tok/`, auth: 'bearer', user: null });
    const bad = await failure(uploadFeed(settingsFor(t), new MemorySecretStore({ 'upload.token': 'nope-token' }), feed, 't.xml', opts(), recordingContext()));
    expect(bad.code).toBe('auth-failed');
    await uploadFeed(settingsFor(t), new MemorySecretStore({ 'upload.token': BEARER_TOKEN }), feed, 't.xml', opts(), recordingContext());
    expect(nginx.files('tok')).toEqual(['t.xml']);
  });

  it('without the CA file the private certificate is not trusted (verification is never off)', async () => {
    const e = await failure(uploadFeed(settingsFor(target({ caFile: null })), pw(), feed, 'noca.xml', opts(), recordingContext()));
    expect(e.code).toBe('tls');
    expect(e.message).toMatch(/certificate is not trusted/);
    expect(nginx.files('feeds')).not.toContain('noca.xml');
  });

  it('401 on a wrong password: plain message, no retry, no file', async () => {
    const e = await failure(uploadFeed(settingsFor(target()), pw('wrong-pass-123'), feed, 'w.xml', opts(), recordingContext()));
    expect(e.code).toBe('auth-failed');
    expect(e.message).toContain('HTTP 401');
    expect(e.message).not.toContain('wrong-pass-123');
    expect(nginx.files('feeds')).not.toContain('w.xml');
  });

  it('413 from nginx names the size and the limit', async () => {
    const e = await failure(uploadFeed(settingsFor(target({ folderUrl: nginx.smallUrl })), pw(), feed, 'big.xml', opts(), recordingContext()));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/too large \(2\.0 MB\) \(HTTP 413\)/);
    expect(nginx.files('../small')).toEqual([]);
  });

  it('403 and 503 each get a plain message; only 503 is retried', async () => {
    const forbidden = await failure(uploadFeed(settingsFor(target({ folderUrl: nginx.readonlyUrl })), pw(), feed, 'ro.xml', opts(), recordingContext()));
    expect(forbidden.code).toBe('forbidden');
    expect(forbidden.message).toBe('The upload server does not allow writing into this folder (HTTP 403).');
    const retries: string[] = [];
    const broken = await failure(uploadFeed(settingsFor(target({ folderUrl: nginx.brokenUrl })), pw(), feed, 'b.xml',
      { ...opts(), onRetry: (m) => retries.push(m) }, recordingContext()));
    expect(broken.code).toBe('server-error');
    expect(broken.message).toBe('The upload server is temporarily unavailable (HTTP 503).');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatch(/Trying again in \d+ s \(attempt 2\)/);
  });

  it('connection refused', async () => {
    const port = await freePort();
    const e = await failure(uploadFeed(settingsFor(target({ folderUrl: `https://127.0.0.1:${port}/dav/` })), pw(), feed, 'x.xml', opts(), recordingContext()));
    expect(e.code).toBe('connection-refused');
  });

  it('a connection dropped mid-upload is retried and leaves no final file', async () => {
    const proxy = await startTcpProxy(nginx.port);
    try {
      proxy.dropAfterBytes = 256 * 1024;
      const t = target({ folderUrl: `https://127.0.0.1:${proxy.port}/dav/dropped/` });
      const e = await failure(uploadFeed(settingsFor(t), pw(), feed, 'drop.xml', opts(), recordingContext()));
      expect(e.transient).toBe(true);
      expect(proxy.drops).toBe(2);
      expect(nginx.files('dropped')).toEqual([]);
      // Once the line is back the same upload succeeds.
      proxy.dropAfterBytes = null;
      await uploadFeed(settingsFor(t), pw(), feed, 'drop.xml', opts(), recordingContext());
      expect(nginx.files('dropped')).toEqual(['drop.xml']);
    } finally {
      await proxy.close();
    }
  });

  it('cancel stops the upload: no final file', async () => {
    const ac = new AbortController();
    const ctx = recordingContext(ac.signal);
    const origProgress = ctx.progress;
    ctx.progress = (stage, done, total, unit) => {
      origProgress(stage, done, total, unit);
      if (done > 0) ac.abort();
    };
    const e = await uploadFeed(settingsFor(target({ folderUrl: `${nginx.davUrl}cancel/` })), pw(), feed, 'c.xml', opts(), ctx).then(() => null, (x: unknown) => x);
    expect((e as Error).name).toBe('CancelledError');
    expect(nginx.files('cancel')).not.toContain('c.xml');
  });
});
