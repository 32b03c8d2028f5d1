import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { defaultDbPath } from '../paths';
import { migrate } from './migrate';
import type { Db } from './sql-util';
import { DeliveredReader, DeliveredRepository } from './repositories/delivered-repository';
import { DeliveryHistoryRepository } from './repositories/delivery-history-repository';
import { RestoreRepository } from './repositories/restore-repository';
import { VerificationRepository } from './repositories/verification-repository';
import { RecentFileRepository } from './repositories/import-repositories';
import { ParkedRowRepository } from './repositories/parked-row-repository';
import { ProfileRepository } from './repositories/profile-repository';
import {
  ApiCallRepository, HostKeyRepository, ReferenceBatchRepository, SchemaCacheRepository,
} from './repositories/publish-repositories';
import { RunRepository } from './repositories/run-repository';
import { ScheduleRepository } from './repositories/schedule-repository';
import { ownerAlive } from './process-owner';
import { SecretBlobRepository, SettingsRepository } from './repositories/settings-repository';
import { SyncLockRepository } from './repositories/sync-lock-repository';

export { defaultDbPath };

export interface OpenDatabaseOptions {
  /** Path of a better_sqlite3.node built for Electron; tests and the CLI use the Node build. */
  nativeBinding?: string;
  /** Issues kept per run (counts stay exact beyond it). */
  issueCap?: number;
  /** Open without applying migrations (migration tests). */
  skipMigrations?: boolean;
  /** Leave runs of dead processes as they are (tests that look at what a killed run left). */
  keepInterrupted?: boolean;
}

export interface AppDatabase {
  readonly db: Db;
  readonly file: string;
  /** The better_sqlite3.node it was opened with (reading threads open their own connections with it). */
  readonly nativeBinding?: string;
  readonly runs: RunRepository;
  readonly delivered: DeliveredRepository;
  readonly profiles: ProfileRepository;
  readonly settings: SettingsRepository;
  readonly secrets: SecretBlobRepository;
  readonly schemas: SchemaCacheRepository;
  readonly hostKeys: HostKeyRepository;
  readonly references: ReferenceBatchRepository;
  readonly parked: ParkedRowRepository;
  readonly recent: RecentFileRepository;
  readonly apiCalls: ApiCallRepository;
  /** Runs of dead processes this open marked failed (run-recovery.ts). */
  readonly interruptedAtOpen: number[];
  /** What each delivered run sent and overwrote (checks in MiniCRM, undo). */
  readonly history: DeliveryHistoryRepository;
  readonly verifications: VerificationRepository;
  readonly restores: RestoreRepository;
  /** One sync/publish at a time per MiniCRM system (publish/sync-lock.ts). */
  readonly locks: SyncLockRepository;
  readonly schedules: ScheduleRepository;
  /** Folds the WAL back into the database and truncates it (after big runs, before backups). */
  checkpoint(): void;
  close(): void;
}

/** Low-level open with the connection settings every user of the file needs (no migrations). */
export function openConnection(file: string, opts: { nativeBinding?: string } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  // 16 KB pages for a new file (an existing one keeps its own: changing needs a VACUUM): history
  // stores staged blobs of ~0.3 MB and looks up a million delivered projects by Id.
  db.pragma('page_size = 16384');
  // WAL: the app and a CLI can read while one writes; a crash never corrupts committed data.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  // A million-project run grows the WAL by hundreds of MB; give the space back after checkpoints.
  db.pragma('journal_size_limit = 67108864');
  // 16 MB of page cache: staging writes are appends and lookups go by index; more only costs memory.
  db.pragma('cache_size = -16384');
  return db;
}

/** Opens (creating if needed) and migrates the history database. */
export function openDatabase(file: string = defaultDbPath(), opts: OpenDatabaseOptions = {}): AppDatabase {
  const db = openConnection(file, opts);
  try {
    if (!opts.skipMigrations) migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  const runs = new RunRepository(db, opts.issueCap);
  const schedules = new ScheduleRepository(db);
  let interruptedAtOpen: number[] = [];
  if (!opts.skipMigrations && !opts.keepInterrupted) {
    // Every opener tells the truth about runs killed in another process (the CLI too, not only
    // the app's start). A database busy with another writer is no reason to refuse opening it:
    // the next open marks them.
    try {
      interruptedAtOpen = runs.markInterruptedOnStart();
      schedules.markInterrupted((pid) => ownerAlive({ pid, host: null, started: null }));
    } catch {
      // left for the next opener
    }
  }
  const history = new DeliveryHistoryRepository(db);
  return {
    db,
    file,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    runs,
    delivered: new DeliveredRepository(db, history),
    profiles: new ProfileRepository(db),
    settings: new SettingsRepository(db),
    secrets: new SecretBlobRepository(db),
    schemas: new SchemaCacheRepository(db),
    hostKeys: new HostKeyRepository(db),
    references: new ReferenceBatchRepository(db),
    parked: new ParkedRowRepository(db),
    recent: new RecentFileRepository(db),
    apiCalls: new ApiCallRepository(db),
    interruptedAtOpen,
    history,
    verifications: new VerificationRepository(db),
    restores: new RestoreRepository(db),
    locks: new SyncLockRepository(db),
    schedules,
    checkpoint: () => {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** A read-only view of the delivered state for a reading thread (its own connection; see DeliveredReader). */
export function openDeliveredReader(file: string, opts: { nativeBinding?: string } = {}): { delivered: DeliveredReader; close(): void } {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -8192');
  return { delivered: new DeliveredReader(db), close: () => db.open && db.close() };
}
