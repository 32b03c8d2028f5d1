/**
 * A stand-in for Electron's safeStorage (which needs Electron): real encryption (AES-256-GCM) with
 * a key that plays the OS keychain's part. The app stores secrets through it like through
 * safeStorage (ciphertext in the database); the stand-in app binary reads them the same way.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../electron/services/publish/safe-storage-secret-store';

export function fakeSafeStorage(keychainPassword = 'test keychain'): SafeStorageLike {
  const key = createHash('sha256').update(keychainPassword).digest();
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(cipher) {
      const d = createDecipheriv('aes-256-gcm', key, cipher.subarray(0, 12));
      d.setAuthTag(cipher.subarray(12, 28));
      return Buffer.concat([d.update(cipher.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
