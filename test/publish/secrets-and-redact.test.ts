import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../shared/domain/errors';
import { maskUrl, redact, truncate, withCredentials } from '../../electron/services/publish/redact';
import {
  EnvSecretStore, FileSecretStore, LayeredSecretStore, MemorySecretStore, SECRET_ENV_VARS,
} from '../../electron/services/publish/secret-store';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../electron/services/publish/safe-storage-secret-store';
import { tempDir } from './helpers';

describe('masking secrets', () => {
  it('masks the password of URLs, keeps the user', () => {
    expect(maskUrl('https://anna:p%40ss@files.example.hu/feeds/x.xml')).toBe('https://anna:****@files.example.hu/feeds/x.xml');
    expect(maskUrl('failed to fetch sftp://u:secret@h:22/a and https://v:w@x/')).toBe('failed to fetch sftp://u:****@h:22/a and https://v:****@x/');
    expect(maskUrl('https://files.example.hu/x.xml')).toBe('https://files.example.hu/x.xml');
    expect(maskUrl('https://user@host/x')).toBe('https://user@host/x');
  });
  it('blanks known secrets, also URL-encoded', () => {
    expect(redact('key=Ab+c/d&x and Ab%2Bc%2Fd', ['Ab+c/d'])).toBe('key=****&x and ****');
    expect(redact('Source=a+b%21', ['a b!'])).toBe('Source=****');
    expect(redact('nothing here', ['', null, undefined])).toBe('nothing here');
  });
  it('puts download credentials into the Source URL, encoded', () => {
    expect(withCredentials('https://h/f/x.xml', 'dl user', 'p@ss:w')).toBe('https://dl%20user:p%40ss%3Aw@h/f/x.xml');
    expect(maskUrl(withCredentials('https://h/f/x.xml', 'u', 'p@ss'))).toBe('https://u:****@h/f/x.xml');
    expect(withCredentials('https://h/x', null, 'ignored')).toBe('https://h/x');
  });
  it('truncates long answers for the history', () => {
    expect(truncate('x'.repeat(2500))).toMatch(/^x{2000}… \(500 more characters\)$/);
    expect(truncate('short')).toBe('short');
  });
});

describe('secret stores', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => tmp?.cleanup());

  it('environment variables are the documented names, read-only', async () => {
    const s = new EnvSecretStore({ MINICRM_API_KEY: 'k1', MINICRM_UPLOAD_PASSWORD: '' });
    expect(SECRET_ENV_VARS['minicrm.apiKey']).toBe('MINICRM_API_KEY');
    expect(await s.get('minicrm.apiKey')).toBe('k1');
    expect(await s.has('upload.password')).toBe(false);
    await expect(s.set('minicrm.apiKey', 'x')).rejects.toThrow(/MINICRM_API_KEY/);
  });

  it('the secrets file is written 0600 and refused when others can read it', async () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'secrets.json');
    const s = new FileSecretStore(file);
    await s.set('upload.password', 'pw-1');
    await s.set('minicrm.apiKey', 'key-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'upload.password': 'pw-1', 'minicrm.apiKey': 'key-1' });
    await s.delete('upload.password');
    expect(await s.get('upload.password')).toBeNull();
    chmodSync(file, 0o644);
    const e = await s.get('minicrm.apiKey').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnusableInputError);
    expect((e as Error).message).toMatch(/chmod 600/);
    writeFileSync(file, 'not json', { mode: 0o600 });
    chmodSync(file, 0o600);
    await expect(s.get('minicrm.apiKey')).rejects.toThrow(/not valid JSON/);
  });

  it('layered: environment wins, writes go to the file', async () => {
    const s = new LayeredSecretStore(new EnvSecretStore({ MINICRM_API_KEY: 'env' }), new MemorySecretStore({ 'minicrm.apiKey': 'file', 'upload.token': 't' }));
    expect(await s.get('minicrm.apiKey')).toBe('env');
    expect(await s.get('upload.token')).toBe('t');
  });
});

function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (p) => Buffer.from(`enc:${Buffer.from(p).toString('base64')}`),
    decryptString: (c) => Buffer.from(c.toString().slice(4), 'base64').toString(),
    getSelectedStorageBackend: () => backend,
  };
}
function blobs() {
  const m = new Map<string, Buffer>();
  return { m, get: (n: string) => m.get(n) ?? null, set: (n: string, b: Buffer) => void m.set(n, b), has: (n: string) => m.has(n), delete: (n: string) => void m.delete(n) };
}

describe('SafeStorageSecretStore', () => {
  it('stores only ciphertext and reads it back', async () => {
    const b = blobs();
    const s = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), b);
    await s.set('minicrm.apiKey', 'plain-key-xyz');
    expect(b.m.get('minicrm.apiKey')!.toString()).not.toContain('plain-key-xyz');
    expect(await s.get('minicrm.apiKey')).toBe('plain-key-xyz');
    expect(s.unavailableReason()).toBeNull();
  });
  it('refuses to store with the plain-text backend or without encryption, with a plain message', async () => {
    const b = blobs();
    const plain = new SafeStorageSecretStore(fakeSafeStorage('basic_text'), b);
    await expect(plain.set('upload.password', 'x')).rejects.toThrow(/no password keyring/);
    const none = new SafeStorageSecretStore(fakeSafeStorage('unknown', false), b);
    await expect(none.set('upload.password', 'x')).rejects.toThrow(/not available/);
    expect(b.m.size).toBe(0);
    expect(plain.unavailableReason()).toMatchObject({ code: 'secret-storage-plain-text' });
    expect(none.unavailableReason()).toMatchObject({ code: 'secret-storage-unavailable' });
    await expect(none.set('upload.password', 'x')).rejects.toMatchObject({ code: 'secret-storage-unavailable' });
  });
});
