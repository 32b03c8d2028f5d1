import type { AppDatabase } from '../services/db/database';
import type { SecretStore } from '../services/publish/secret-store';

/**
 * What differs between the two ways the CLI runs. In a checkout (`npm run cli`, plain Node) there
 * is no host: secrets come from the environment or a 0600 file. The installed app's own binary
 * (the `minicrm-sync` launcher, scheduled runs: `<app> --cli …`) passes one: its Electron build of
 * better-sqlite3, its keychain-backed secret store and desktop notifications.
 */
export interface CliHost {
  /** How a user starts the CLI, for help texts: `minicrm-sync`. */
  readonly command: string;
  /** better_sqlite3.node built for Electron (docs/native-modules.md). */
  readonly nativeBinding?: string;
  /** The app's secret store (Electron safeStorage; ciphertext in this database). */
  keychain(db: AppDatabase): SecretStore;
  /** A desktop notification (a scheduled run failed); resolves once shown or given up. */
  notify?(title: string, body: string): Promise<void>;
}

/** The command line as the user typed it, for help texts. */
export const cliCommand = (host: CliHost | undefined): string => host?.command ?? 'npm run cli --';
