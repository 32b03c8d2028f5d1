/**
 * Everything the IPC handlers need, injected: the real app passes Electron's dialogs and shell;
 * the e2e test builds the same handlers in plain Node with real services and fake dialogs
 * (see electron/services/app/app-services.ts).
 */
import type { AppDatabase } from '../../../services/db';
import type { JobRunner } from '../../../services/jobs/job-runner';
import type { SecretStore } from '../../../services/publish/secret-store';
import type { ValidationSessions } from '../../../services/app/validation-sessions';
import type { AppPrefs, ConnectionPart, ConnectionTestResult, Language } from '../../../../shared/ipc/types';
import type { CodedMessage } from '../../../../shared/domain/message-codes';
import type { ScheduledCommand } from '../../../services/schedule/os-entry';
import type { OsScheduler } from '../../../services/schedule/os-scheduler';

export type SaveKind = 'profile' | 'xlsx' | 'csv' | 'xml';

export interface Dialogs {
  /** A spreadsheet to import; null when cancelled. */
  openSource(): Promise<string | null>;
  /** A profile JSON file to import; null when cancelled. */
  openProfile(): Promise<string | null>;
  saveFile(o: { defaultName: string; kind: SaveKind }): Promise<string | null>;
  /** A folder (where an automatic sync finds its exports); null when cancelled. */
  openFolder?(): Promise<string | null>;
}

/** Automatic syncs: the computer's scheduler and the command it starts (electron/main/schedule-command.ts). */
export interface SchedulePorts {
  /** Detected once, on first use; null where the computer has none the app can use. */
  scheduler(): Promise<OsScheduler | null>;
  command: ScheduledCommand;
}

export interface ShellPort {
  /** Only ever called with URLs that passed isSafeExternalUrl. */
  openExternal(url: string): Promise<void>;
  /** Opens a file with the system's default app; resolves to '' or an error text. */
  openPath(path: string): Promise<string>;
}

export interface HandlerDeps {
  app: { version: string; platform: string; userDataPath: string; osLocale: string };
  db: AppDatabase;
  secrets: SecretStore;
  /** Null when secrets can be saved; else why not (e.g. only a plain-text keyring). */
  secretStorageProblem(): CodedMessage | null;
  dialogs: Dialogs;
  shell: ShellPort;
  jobs: JobRunner;
  sessions: ValidationSessions;
  /** Where built feeds are written (userData/feeds). */
  feedsDir: string;
  /** "Test connection" for one part (the publishing side's preflight). */
  testConnection(part: ConnectionPart): Promise<ConnectionTestResult>;
  /** Main rebuilds the menu in the new language. */
  onPrefsChanged?(prefs: AppPrefs, language: Language): void;
  schedules: SchedulePorts;
  /** Waits before each pass of a check in MiniCRM (defaults: verify-run.ts; tests shorten them). */
  verifyWaits?: { afterSync: readonly number[]; onDemand: readonly number[] };
}
