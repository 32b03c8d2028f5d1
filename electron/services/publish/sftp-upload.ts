import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { checkHostKey, hostKeyFingerprint, type HostKeyStore, type SeenHostKey } from './host-key';
import { fromNetworkError, PublishError } from './publish-error';
import { describeTarget, type SftpTarget } from './settings';
import type { TransferResult } from './https-upload';

export interface SftpCredentials {
  password: string | null;
  passphrase: string | null;
}

export interface SftpSession {
  client: SftpClient;
  hostKey: SeenHostKey | null;
  pinnedNow: boolean;
  close(): Promise<void>;
}

function mapSftpError(e: unknown, t: SftpTarget): PublishError {
  if (e instanceof PublishError) return e;
  const msg = String((e as Error)?.message ?? e);
  const where = `The SFTP server ${t.host}:${t.port}`;
  if (/authentication methods failed|All configured authentication/i.test(msg)) {
    return new PublishError('auth-failed', `${where} refused the login for "${t.user}" (wrong password or key not authorised).`, false, { user: t.user });
  }
  if (/passphrase|Cannot parse privateKey|Unsupported key format|Encrypted private/i.test(msg)) {
    return new PublishError('key-unusable', 'The SFTP private key cannot be used: wrong passphrase, or not a private key file.');
  }
  if (/ECONNREFUSED/.test(msg)) return fromNetworkError(Object.assign(new Error(msg), { code: 'ECONNREFUSED' }), where);
  if (/ENOTFOUND|EAI_AGAIN/.test(msg)) return fromNetworkError(Object.assign(new Error(msg), { code: 'ENOTFOUND' }), where);
  if (/Permission denied/i.test(msg)) return new PublishError('forbidden', `${where} does not allow writing into ${t.remoteFolder}.`, false, { folder: t.remoteFolder });
  if (/No space|quota/i.test(msg)) return new PublishError('no-space', `${where} has no space left for the file.`);
  return fromNetworkError(e, where);
}

/** Connects with host key pinning; the caller must close(). */
export async function openSftp(t: SftpTarget, creds: SftpCredentials, hostKeys: HostKeyStore, timeoutMs = 20_000): Promise<SftpSession> {
  const client = new SftpClient('minicrm-xml-sync');
  let seen: SeenHostKey | null = null;
  let pinnedNow = false;
  let refusal: PublishError | null = null;
  let privateKey: Buffer | undefined;
  if (t.auth === 'key') {
    try {
      privateKey = readFileSync(t.privateKeyPath ?? '');
    } catch {
      throw new PublishError('key-file-unreadable', `The SFTP private key file cannot be read: ${t.privateKeyPath ?? '(not set)'}`, false, { path: t.privateKeyPath ?? '' });
    }
  }
  try {
    await client.connect({
      host: t.host,
      port: t.port,
      username: t.user,
      readyTimeout: timeoutMs,
      // A silently dead line (no RST) is noticed within ~30 s instead of hanging the transfer.
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      ...(t.auth === 'password' ? { password: creds.password ?? '' } : { privateKey, passphrase: creds.passphrase ?? undefined }),
      hostVerifier: (key: Buffer) => {
        seen = hostKeyFingerprint(key);
        const verdict = checkHostKey(hostKeys, t.host, t.port, seen);
        if (!verdict.ok) {
          refusal = verdict.error;
          return false;
        }
        pinnedNow = verdict.pinnedNow;
        return true;
      },
    });
  } catch (e) {
    await client.end().catch(() => undefined);
    throw refusal ?? mapSftpError(e, t);
  }
  return {
    client,
    hostKey: seen,
    pinnedNow,
    close: () => closeQuietly(client),
  };
}

/** end() can wait forever on a connection that is mid-transfer; give it a moment, then drop the socket. */
async function closeQuietly(client: SftpClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = client.end().then(() => true, () => false);
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), 2000); });
  const ok = await Promise.race([graceful, late]);
  clearTimeout(timer);
  if (!ok) (client as unknown as { client?: { destroy?: () => void } }).client?.destroy?.();
}

function remotePath(t: SftpTarget, name: string): string {
  return posix.join(t.remoteFolder, name);
}

/** Creates the remote folder when it is missing. */
export async function ensureRemoteFolder(s: SftpSession, t: SftpTarget): Promise<void> {
  try {
    if ((await s.client.exists(t.remoteFolder)) !== 'd') await s.client.mkdir(t.remoteFolder, true);
  } catch (e) {
    throw mapSftpError(e, t);
  }
}

/** What earlier runs left at the target: names recorded in the history, and a test for listed names. */
export interface Leftovers {
  names: readonly string[];
  isLeftover?: (name: string) => boolean;
}

/** Deletes earlier runs' `.part` files in the target folder; returns the names now gone (best effort). */
async function sweepSftp(s: SftpSession, t: SftpTarget, leftovers: Leftovers | undefined): Promise<string[]> {
  if (!leftovers) return [];
  const gone: string[] = [];
  const remove = async (name: string) => {
    try {
      await s.client.delete(remotePath(t, name), true);
      gone.push(name);
    } catch {
      // Stays recorded; the next run tries again.
    }
  };
  for (const name of leftovers.names) await remove(name);
  if (leftovers.isLeftover) {
    const listed = await s.client.list(t.remoteFolder, (item) => item.type === '-' && leftovers.isLeftover!(item.name)).catch(() => []);
    for (const item of listed) if (!gone.includes(item.name)) await remove(item.name);
  }
  return gone;
}

/** After a cancel the transfer's connection is gone: a short new one removes the `.part`. */
async function removePartAfterCancel(t: SftpTarget, creds: SftpCredentials, hostKeys: HostKeyStore, part: string): Promise<void> {
  try {
    const s = await openSftp(t, creds, hostKeys, 5000);
    try {
      await s.client.delete(part, true);
    } finally {
      await s.close();
    }
  } catch {
    // The history still records the part: the next run of this target removes it.
  }
}

/**
 * Upload to `<name>.part`, check its size, then rename to `<name>` (posix-rename overwrites
 * atomically; plain rename as a fallback). A drop mid-transfer leaves at most the `.part`, which
 * is removed (after a cancel too, over a new connection) or left to the next run's sweep.
 */
export async function uploadSftp(
  t: SftpTarget,
  creds: SftpCredentials,
  hostKeys: HostKeyStore,
  localPath: string,
  size: number,
  name: string,
  ctx: JobContext,
  leftovers?: Leftovers,
): Promise<TransferResult & { hostKey: SeenHostKey | null; pinnedNow: boolean; swept: string[] }> {
  if (ctx.signal.aborted) throw new CancelledError();
  const s = await openSftp(t, creds, hostKeys);
  // ssh2's transfer does not notice end(): the abort rejects the wait itself and drops the connection.
  let rejectAbort: (e: Error) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => { rejectAbort = reject; });
  aborted.catch(() => undefined);
  const onAbort = () => {
    rejectAbort(new CancelledError());
    (s.client as unknown as { client?: { destroy?: () => void } }).client?.destroy?.();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const part = remotePath(t, `${name}.part`);
  const final = remotePath(t, name);
  let wrotePart = false;
  let swept: string[] = [];
  try {
    await ensureRemoteFolder(s, t);
    swept = await sweepSftp(s, t, leftovers);
    ctx.progress('uploading', 0, size, 'bytes');
    let reported = 0;
    wrotePart = true;
    await Promise.race([aborted, s.client.fastPut(localPath, part, {
      step: (done: number) => {
        if (done - reported >= 1048576 || done === size) {
          reported = done;
          ctx.progress('uploading', done, size, 'bytes');
        }
      },
    })]);
    if (ctx.signal.aborted) throw new CancelledError();
    const partSize = (await s.client.stat(part)).size;
    if (partSize !== size) {
      throw new PublishError('size-mismatch', `The uploaded file on the SFTP server has ${partSize} bytes instead of ${size}; it was not put in place.`, true, { actual: partSize, expected: size });
    }
    try {
      await s.client.posixRename(part, final);
    } catch {
      // Servers without the posix-rename extension: plain rename refuses to overwrite.
      if (await s.client.exists(final)) await s.client.delete(final);
      await s.client.rename(part, final);
    }
    wrotePart = false;
    const finalSize = (await s.client.stat(final)).size;
    if (finalSize !== size) throw new PublishError('size-mismatch', `The file on the SFTP server has ${finalSize} bytes instead of ${size}.`, false, { actual: finalSize, expected: size });
    ctx.progress('uploading', size, size, 'bytes');
    return { target: describeTarget(t, name), size, hostKey: s.hostKey, pinnedNow: s.pinnedNow, swept };
  } catch (e) {
    if (ctx.signal.aborted) throw new CancelledError();
    throw mapSftpError(e, t);
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    if (wrotePart && !ctx.signal.aborted) await s.client.delete(part, true).catch(() => undefined);
    await s.close();
    if (wrotePart && ctx.signal.aborted) await removePartAfterCancel(t, creds, hostKeys, part);
  }
}

/** Preflight: write and delete a small file. Returns the host key seen. */
export async function probeSftp(t: SftpTarget, creds: SftpCredentials, hostKeys: HostKeyStore, name: string, content: string): Promise<{ hostKey: SeenHostKey | null; pinnedNow: boolean; remove(): Promise<void> }> {
  const s = await openSftp(t, creds, hostKeys);
  try {
    await ensureRemoteFolder(s, t);
    await s.client.put(Buffer.from(content, 'utf8'), remotePath(t, name));
  } catch (e) {
    await s.close();
    throw mapSftpError(e, t);
  }
  return {
    hostKey: s.hostKey,
    pinnedNow: s.pinnedNow,
    remove: async () => {
      try {
        await s.client.delete(remotePath(t, name), true);
      } finally {
        await s.close();
      }
    },
  };
}
