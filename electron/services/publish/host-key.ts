import { createHash } from 'node:crypto';
import { PublishError } from './publish-error';

/** Pinned SFTP host keys (the app's HostKeyRepository). */
export interface HostKeyStore {
  get(host: string, port: number): { algorithm: string; fingerprint: string } | null;
  accept(host: string, port: number, algorithm: string, fingerprint: string): void;
}

export interface SeenHostKey {
  algorithm: string;
  /** `SHA256:…` exactly as OpenSSH prints it (base64 without padding). */
  fingerprint: string;
}

/** OpenSSH-style fingerprint of a raw SSH public key blob. */
export function hostKeyFingerprint(keyBlob: Buffer): SeenHostKey {
  const fingerprint = `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
  // The blob starts with the algorithm name as an SSH string (uint32 length + bytes).
  let algorithm = 'unknown';
  if (keyBlob.length >= 4) {
    const n = keyBlob.readUInt32BE(0);
    if (n > 0 && n < 64 && keyBlob.length >= 4 + n) algorithm = keyBlob.subarray(4, 4 + n).toString('ascii');
  }
  return { algorithm, fingerprint };
}

export type HostKeyVerdict = { ok: true; pinnedNow: boolean } | { ok: false; error: PublishError };

/**
 * Trust on first use: an unknown host's key is pinned and reported; a known host presenting a
 * different key is refused until the user accepts the new one (acceptHostKey).
 */
export function checkHostKey(store: HostKeyStore, host: string, port: number, seen: SeenHostKey): HostKeyVerdict {
  const pinned = store.get(host, port);
  if (!pinned) {
    store.accept(host, port, seen.algorithm, seen.fingerprint);
    return { ok: true, pinnedNow: true };
  }
  if (pinned.fingerprint === seen.fingerprint) return { ok: true, pinnedNow: false };
  return {
    ok: false,
    error: new PublishError(
      'host-key-changed',
      `The SFTP server ${host}:${port} presented a different host key (${seen.algorithm} ${seen.fingerprint}) than the one accepted before (${pinned.fingerprint}). ` +
        'This happens when the server was reinstalled — or when someone intercepts the connection. Nothing was uploaded. ' +
        'Accept the new key only after the server\'s administrator confirms this fingerprint.',
      false,
      { host, port, algorithm: seen.algorithm, fingerprint: seen.fingerprint, previous: pinned.fingerprint },
    ),
  };
}

/** The user confirmed a new host key (after a host-key-changed refusal). */
export function acceptHostKey(store: HostKeyStore, host: string, port: number, algorithm: string, fingerprint: string): void {
  store.accept(host, port, algorithm, fingerprint);
}
