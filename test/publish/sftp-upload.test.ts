import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptHostKey } from '../../electron/services/publish/host-key';
import { PublishError } from '../../electron/services/publish/publish-error';
import type { SftpTarget } from '../../electron/services/publish/settings';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { uploadFeed } from '../../electron/services/publish/upload';
import type { AppDatabase } from '../../electron/services/db';
import { startSshd, type SshdServer } from '../servers/sshd-server';
import { startTcpProxy } from '../servers/tcp-proxy';
import { freePort } from '../servers/free-port';
import { FAST_RETRY, openTestDb, recordingContext, tempDir } from './helpers';

let sshd: SshdServer;
let tmp: ReturnType<typeof tempDir>;
let db: AppDatabase;
let feed: string;
const FEED_SIZE = 3 * 1024 * 1024 + 17;

beforeAll(async () => {
  sshd = await startSshd();
  tmp = tempDir();
  db = openTestDb(tmp.dir);
  feed = join(tmp.dir, 'feed.xml');
  writeFileSync(feed, Buffer.alloc(FEED_SIZE, 0x41));
});
afterAll(async () => {
  db?.close();
  await sshd?.stop();
  tmp?.cleanup();
});

function target(over: Partial<SftpTarget> = {}): SftpTarget {
  return { kind: 'sftp', host: '127.0.0.1', port: sshd.port, user: sshd.user, auth: 'password', privateKeyPath: null, remoteFolder: join(sshd.root, 'feeds', 'in'), ...over };
}
const settingsFor = (t: SftpTarget) => ({ systemId: '1', apiBaseUrl: 'http://x', upload: t, publicUrl: 'https://x/', downloadUser: null });
const pw = () => new MemorySecretStore({ 'upload.password': sshd.password });

async function failure(p: Promise<unknown>): Promise<PublishError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(PublishError);
  return e as PublishError;
}

describe('SFTP upload against a real OpenSSH sshd', () => {
  it('creates the folder, uploads via .part + rename, reports progress and pins the host key on first use', async () => {
    const ctx = recordingContext();
    const res = await uploadFeed(settingsFor(target()), pw(), feed, 'feed-1.xml', { hostKeys: db.hostKeys }, ctx);
    const remote = join(sshd.root, 'feeds', 'in');
    expect(readdirSync(remote)).toEqual(['feed-1.xml']);
    expect(statSync(join(remote, 'feed-1.xml')).size).toBe(FEED_SIZE);
    expect(res.size).toBe(FEED_SIZE);
    expect(res.target).toBe(`sftp://${sshd.user}@127.0.0.1:${sshd.port}${remote}/feed-1.xml`);
    expect(res.pinnedNow).toBe(true);
    expect(res.hostKey?.fingerprint).toBe(sshd.hostFingerprint);
    expect(db.hostKeys.get('127.0.0.1', sshd.port)?.fingerprint).toBe(sshd.hostFingerprint);
    const last = ctx.events.at(-1)!;
    expect(last).toMatchObject({ stage: 'uploading', done: FEED_SIZE, total: FEED_SIZE, unit: 'bytes' });
    // Second upload: key already pinned, same name overwritten in place.
    const again = await uploadFeed(settingsFor(target()), pw(), feed, 'feed-1.xml', { hostKeys: db.hostKeys }, recordingContext());
    expect(again.pinnedNow).toBe(false);
    expect(readdirSync(remote)).toEqual(['feed-1.xml']);
  });

  it('authenticates with a passphrase-protected private key', async () => {
    const keyFile = join(tmp.dir, 'id_enc');
    writeFileSync(keyFile, sshd.encryptedKey, { mode: 0o600 });
    const secrets = new MemorySecretStore({ 'upload.keyPassphrase': sshd.keyPassphrase });
    const t = target({ auth: 'key', privateKeyPath: keyFile, remoteFolder: join(sshd.root, 'keyed') });
    await uploadFeed(settingsFor(t), secrets, feed, 'k.xml', { hostKeys: db.hostKeys }, recordingContext());
    expect(statSync(join(sshd.root, 'keyed', 'k.xml')).size).toBe(FEED_SIZE);
  });

  it('wrong password: a plain auth message without the password, no retry, nothing written', async () => {
    const t = target({ remoteFolder: join(sshd.root, 'wrongpw') });
    const e = await failure(uploadFeed(settingsFor(t), new MemorySecretStore({ 'upload.password': 'not-the-password' }), feed, 'x.xml',
      { hostKeys: db.hostKeys, retry: FAST_RETRY }, recordingContext()));
    expect(e.code).toBe('auth-failed');
    expect(e.transient).toBe(false);
    expect(e.message).toContain('refused the login');
    expect(e.message).not.toContain('not-the-password');
    expect(existsSync(join(sshd.root, 'wrongpw'))).toBe(false);
  });

  it('wrong key: refused as an auth failure', async () => {
    const keyFile = join(tmp.dir, 'id_wrong');
    writeFileSync(keyFile, sshd.wrongKey, { mode: 0o600 });
    const t = target({ auth: 'key', privateKeyPath: keyFile, remoteFolder: join(sshd.root, 'wrongkey') });
    const e = await failure(uploadFeed(settingsFor(t), new MemorySecretStore(), feed, 'x.xml', { hostKeys: db.hostKeys }, recordingContext()));
    expect(e.code).toBe('auth-failed');
    expect(existsSync(join(sshd.root, 'wrongkey'))).toBe(false);
  });

  it('connection refused: a plain message', async () => {
    const port = await freePort();
    const e = await failure(uploadFeed(settingsFor(target({ port })), pw(), feed, 'x.xml', { hostKeys: db.hostKeys, retry: FAST_RETRY }, recordingContext()));
    expect(e.code).toBe('connection-refused');
    expect(e.message).toMatch(/refused the connection/);
  });

  it('a connection dropped mid-upload leaves no final file (at most the .part)', async () => {
    const proxy = await startTcpProxy(sshd.port);
    try {
      proxy.dropAfterBytes = 512 * 1024;
      const folder = join(sshd.root, 'dropped');
      const t = target({ port: proxy.port, remoteFolder: folder });
      // The proxy's port is a different host:port, so pin the real server's key for it first.
      acceptHostKey(db.hostKeys, '127.0.0.1', proxy.port, 'ssh-ed25519', sshd.hostFingerprint);
      const e = await failure(uploadFeed(settingsFor(t), pw(), feed, 'drop.xml', { hostKeys: db.hostKeys, retry: FAST_RETRY }, recordingContext()));
      expect(e.transient).toBe(true);
      expect(proxy.drops).toBe(2); // first try + one retry, both cut
      const left = existsSync(folder) ? readdirSync(folder) : [];
      expect(left).not.toContain('drop.xml');
      expect(left.every((n) => n === 'drop.xml.part')).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('cancel mid-upload: CancelledError, no final file', async () => {
    const ac = new AbortController();
    const ctx = recordingContext(ac.signal);
    const orig = ctx.progress;
    ctx.progress = (stage, done, total, unit) => {
      orig(stage, done, total, unit);
      if (done > 0) ac.abort();
    };
    const folder = join(sshd.root, 'cancelled');
    const e = await uploadFeed(settingsFor(target({ remoteFolder: folder })), pw(), feed, 'c.xml', { hostKeys: db.hostKeys }, ctx).then(() => null, (x: unknown) => x);
    expect((e as Error).name).toBe('CancelledError');
    expect(existsSync(folder) ? readdirSync(folder) : []).not.toContain('c.xml');
  });

  it('a changed host key is refused until the user accepts the new one', async () => {
    const old = sshd.hostFingerprint;
    await sshd.rotateHostKey();
    expect(sshd.hostFingerprint).not.toBe(old);
    const folder = join(sshd.root, 'rotated');
    const e = await failure(uploadFeed(settingsFor(target({ remoteFolder: folder })), pw(), feed, 'r.xml', { hostKeys: db.hostKeys, retry: FAST_RETRY }, recordingContext()));
    expect(e.code).toBe('host-key-changed');
    expect(e.message).toContain(sshd.hostFingerprint);
    expect(e.message).toContain(old);
    expect(existsSync(folder)).toBe(false);
    expect(db.hostKeys.get('127.0.0.1', sshd.port)?.fingerprint).toBe(old);
    acceptHostKey(db.hostKeys, '127.0.0.1', sshd.port, String(e.params.algorithm), String(e.params.fingerprint));
    await uploadFeed(settingsFor(target({ remoteFolder: folder })), pw(), feed, 'r.xml', { hostKeys: db.hostKeys }, recordingContext());
    expect(readFileSync(join(folder, 'r.xml')).length).toBe(FEED_SIZE);
  });
});
