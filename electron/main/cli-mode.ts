/**
 * `<app binary> --cli …`: the installed app runs its command line instead of opening a window —
 * what the `minicrm-sync` launcher and the scheduled runs start. Electron's RunAsNode fuse is off,
 * so the CLI runs in the main process itself: with the app's Electron build of better-sqlite3 and
 * its keychain-backed secret store (safeStorage), which plain Node cannot open. Nothing here
 * imports Electron; index.ts passes its parts in, and tests call these functions under Node.
 */
import { UnusableInputError } from '../../shared/domain/errors';
import type { CliHost } from '../cli/cli-host';
import { processIo, type CliIo } from '../cli/io';
import { runCli } from '../cli/run-cli';
import type { AppDatabase } from '../services/db';
import { SafeStorageSecretStore, type SafeStorageLike } from '../services/publish/safe-storage-secret-store';
import type { SecretName, SecretStore } from '../services/publish/secret-store';

export { cliArgvOf } from './cli-argv';

/**
 * The app's secret store for the CLI. A secret that is stored but cannot be decrypted (the keyring
 * is locked, or not reachable from where the scheduler started us) is an error that says so, not
 * "not set": the user did set it.
 */
export function keychainStore(safeStorage: SafeStorageLike, db: AppDatabase): SecretStore {
  const store = new SafeStorageSecretStore(safeStorage, db.secrets);
  const readSecret = async (name: SecretName): Promise<string | null> => {
    const value = await store.get(name);
    if (value === null && db.secrets.has(name)) {
      throw new UnusableInputError('secret-storage-unavailable',
        `The saved secret "${name}" cannot be decrypted here: the system keyring is locked or cannot be reached from this session. ` +
        'Unlock it (log in to the desktop), or give the secret in its environment variable.', { name });
    }
    return value;
  };
  return {
    get: readSecret,
    // Asked before anything is sent (requireSettings): a secret that cannot be opened stops the run there.
    has: async (name) => (await store.has(name)) && (await readSecret(name)) !== null,
    set: (name, value) => store.set(name, value),
    delete: (name) => store.delete(name),
  };
}

export interface MainCliParts {
  /** better_sqlite3.node built for Electron (docs/native-modules.md). */
  nativeBinding?: string;
  safeStorage: SafeStorageLike;
  notify?(title: string, body: string): Promise<void>;
}

export function mainCliHost(parts: MainCliParts): CliHost {
  return {
    command: 'minicrm-sync',
    ...(parts.nativeBinding ? { nativeBinding: parts.nativeBinding } : {}),
    keychain: (db) => keychainStore(parts.safeStorage, db),
    ...(parts.notify ? { notify: parts.notify } : {}),
  };
}

/** Runs the CLI for `<app> --cli …` and resolves with its exit code (index.ts exits with it). */
export function runMainCli(argv: readonly string[], parts: MainCliParts, io: CliIo = processIo(mainCliHost(parts))): Promise<number> {
  return runCli(argv, io.host ? io : { ...io, host: mainCliHost(parts) });
}
