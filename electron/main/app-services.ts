/**
 * The composition root without Electron: opens the database, starts the job runner and builds
 * every IPC handler from real services. Main (index.ts) calls it with Electron's dialogs, shell
 * and safeStorage; the e2e test calls it in plain Node with fake dialogs and a memory secret store,
 * so both exercise the very same handlers.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, Events } from '../../shared/ipc/contract';
import type { AppPrefs, ConnectionPart, ConnectionTestResult, JobKind, Language } from '../../shared/ipc/types';
import type { CodedMessage } from '../../shared/domain/message-codes';
import type { JobDone } from '../../shared/ipc/contract';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { parseProfile } from '../../shared/profile/profile-parse';
import { openDatabase, type AppDatabase } from '../services/db';
import { DB_FILE_NAME } from '../services/paths';
import { testConnectionPart } from '../services/app/connection-test';
import { ValidationSessions } from '../services/app/validation-sessions';
import { JobRunner, type JobEvent, type WorkerEntry } from '../services/jobs/job-runner';
import { cachedSchema } from '../services/jobs/job-tasks';
import type { SecretStore } from '../services/publish/secret-store';
import { createHandlers, type Dialogs, type HandlerDeps, type SchedulePorts, type ShellPort } from './ipc/handlers';
import type { Handlers } from './ipc/handle';
import { loadPrefs } from './ipc/handlers/prefs';

export interface AppServicesOptions {
  userDataPath: string;
  /** Defaults to `<userData>/minicrm-sync.sqlite` (the file the CLI uses by default too). */
  dbPath?: string;
  /** Electron build of better-sqlite3 (see docs/native-modules.md); omitted under Node. */
  nativeBinding?: string;
  app: { version: string; platform: string; osLocale: string };
  dialogs: Dialogs;
  shell: ShellPort;
  /** Built on the opened database (the app's safeStorage store keeps ciphertext in SQLite). */
  secrets: SecretStore | ((db: AppDatabase) => SecretStore & { unavailableReason?(): CodedMessage | null });
  /** Defaults to the publishing side's preflight (electron/services/app/connection-test.ts). */
  testConnection?: (part: ConnectionPart, db: AppDatabase, secrets: SecretStore) => Promise<ConnectionTestResult>;
  workerEntry?: WorkerEntry;
  onPrefsChanged?: (prefs: AppPrefs, language: Language) => void;
  /** Waits of checks in MiniCRM (the e2e journeys shorten them). */
  verifyWaits?: HandlerDeps['verifyWaits'];
  /** Push events to the renderer (main: webContents.send; e2e: page.evaluate). */
  send?: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Automatic syncs: main passes the computer's scheduler and the launcher; without, none can be registered. */
  schedules?: SchedulePorts;
}

export interface AppServices {
  db: AppDatabase;
  jobs: JobRunner;
  deps: HandlerDeps;
  handlers: Handlers;
  /** Runs marked failed because the app stopped while they ran. */
  interruptedOnStart: number[];
  close(): Promise<void>;
}

export function createAppServices(o: AppServicesOptions): AppServices {
  const dbPath = o.dbPath ?? join(o.userDataPath, DB_FILE_NAME);
  const db = openDatabase(dbPath, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
  const interruptedOnStart = db.interruptedAtOpen;
  const secrets = typeof o.secrets === 'function' ? o.secrets(db) : o.secrets;
  const feedsDir = join(o.userDataPath, 'feeds');
  mkdirSync(feedsDir, { recursive: true });
  const jobs = new JobRunner({
    env: { dbPath, userDataPath: o.userDataPath, ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}) },
    ...(o.workerEntry ? { entry: o.workerEntry } : {}),
  });
  const sessions = new ValidationSessions({
    ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
    makeChecker(request, info, sample) {
      const profile = parseProfile(request.profile);
      const compiled = compileMapping(profile, info.headers, {
        schema: cachedSchema(db, profile),
        sampleRows: sample,
        phoneRegion: profile.phoneRegion ?? loadPrefs({ db }).phoneRegion,
      });
      return (row, cells) => {
        const r = compiled.mapRow({ row, cells });
        return { id: r.id, issues: r.issues };
      };
    },
  });
  if (o.send) forwardJobEvents(jobs, o.send);
  const deps: HandlerDeps = {
    app: { ...o.app, userDataPath: o.userDataPath },
    db,
    secrets,
    secretStorageProblem: () => ('unavailableReason' in secrets && typeof secrets.unavailableReason === 'function' ? secrets.unavailableReason() : null),
    dialogs: o.dialogs,
    shell: o.shell,
    jobs,
    sessions,
    feedsDir,
    testConnection: (part) => (o.testConnection ?? testConnectionPart)(part, db, secrets),
    ...(o.onPrefsChanged ? { onPrefsChanged: o.onPrefsChanged } : {}),
    schedules: o.schedules ?? { scheduler: async () => null, command: { program: process.execPath, args: ['--cli'] } },
    ...(o.verifyWaits ? { verifyWaits: o.verifyWaits } : {}),
  };
  return {
    db,
    jobs,
    deps,
    handlers: createHandlers(deps),
    interruptedOnStart,
    async close() {
      await jobs.shutdown();
      db.close();
    },
  };
}

/** Job runner events -> the contract's push events. */
export function forwardJobEvents(jobs: JobRunner, send: NonNullable<AppServicesOptions['send']>): () => void {
  return jobs.onEvent((e: JobEvent) => {
    if (e.type === 'progress') send('job:progress', e.progress);
    else if (e.type === 'done') send('job:done', { jobId: e.jobId, kind: e.kind, result: e.result } as JobDone);
    else if (e.type === 'failed') send('job:failed', { jobId: e.jobId, kind: e.kind as JobKind, ...e.error });
    else send('job:cancelled', { jobId: e.jobId, kind: e.kind });
  });
}
