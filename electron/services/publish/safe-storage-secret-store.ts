import { UnusableInputError } from '../../../shared/domain/errors';
import type { SecretName, SecretStore } from './secret-store';

export interface SecretStorageProblem { code: 'secret-storage-unavailable' | 'secret-storage-plain-text'; message: string }

/** The part of Electron's `safeStorage` used here; injected so tests can pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

/** Where the ciphertext lives (the app's SecretBlobRepository). */
export interface SecretBlobStore {
  get(name: string): Buffer | null;
  set(name: string, ciphertext: Buffer): void;
  has(name: string): boolean;
  delete(name: string): void;
}

export const PLAIN_TEXT_BACKEND_MESSAGE =
  'This computer has no password keyring (Electron would store secrets as plain text), so the app will not save passwords here. ' +
  'Install or unlock a keyring (e.g. GNOME Keyring or KWallet) and restart, or use the command line with environment variables.';

/**
 * Secrets encrypted with Electron's safeStorage (OS keychain / DPAPI / libsecret), ciphertext in SQLite.
 * Refuses to store when only the plain-text backend exists: a "saved password" that is really
 * readable by anyone with the file would be worse than none.
 */
export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly blobs: SecretBlobStore,
  ) {}

  /** null when secrets can be stored, else the coded reason they cannot. */
  unavailableReason(): SecretStorageProblem | null {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return { code: 'secret-storage-unavailable', message: 'Encryption of saved passwords is not available on this computer, so the app will not save them.' };
    }
    if (this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') return { code: 'secret-storage-plain-text', message: PLAIN_TEXT_BACKEND_MESSAGE };
    return null;
  }

  async get(name: SecretName): Promise<string | null> {
    const blob = this.blobs.get(name);
    if (!blob) return null;
    if (!this.safeStorage.isEncryptionAvailable()) return null;
    try {
      return this.safeStorage.decryptString(blob);
    } catch {
      // Encrypted under another OS account or keyring: treat as not set, the user enters it again.
      return null;
    }
  }

  async has(name: SecretName): Promise<boolean> {
    return this.blobs.has(name);
  }

  async set(name: SecretName, value: string): Promise<void> {
    const reason = this.unavailableReason();
    if (reason) throw new UnusableInputError(reason.code, reason.message);
    this.blobs.set(name, this.safeStorage.encryptString(value));
  }

  async delete(name: SecretName): Promise<void> {
    this.blobs.delete(name);
  }
}
