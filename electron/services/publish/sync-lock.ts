import type { AppDatabase } from '../db';
import { currentProcess } from '../db/process-owner';
import type { SyncHolder, SyncLockInfo } from '../db/repositories/sync-lock-repository';
import { clock } from './minicrm-api';
import { PublishError } from './publish-error';

export type { SyncHolder, SyncLockInfo };

export interface SyncLockRequest {
  /** The MiniCRM system the run syncs to (settings' System Id). */
  systemId: string;
  /** Named in the sentence another run gets while this one holds the lock. */
  profileName: string | null;
  holder: SyncHolder;
}

export interface SyncLock {
  release(): void;
}

const HOLDER_TEXT: Record<SyncHolder, string> = { app: 'the app', cli: 'the command line', schedule: 'an automatic sync' };

/** "10:42" today, "2026-03-01 10:42" on another day (local time, as the user's clock shows it). */
function since(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return day(at) === day(now) ? clock(at) : `${day(at)} ${clock(at)}`;
}

/** The refusal a second run gets: names the run that holds the lock. Exit 3 in the CLI. */
export function syncBusyError(held: SyncLockInfo): PublishError {
  const time = since(held.acquiredAt);
  const where = held.host === currentProcess().host ? '' : ` on ${held.host}`;
  const profile = held.profileName ?? '';
  const what = profile ? `Another sync of profile "${profile}"` : 'Another sync';
  return new PublishError('sync-busy',
    `${what} is running since ${time} (${HOLDER_TEXT[held.holder]}${where}, process ${held.pid}). Try again when it has finished.`,
    false, { profile, time, holder: held.holder, pid: held.pid, host: held.host, since: held.acquiredAt });
}

/**
 * Takes the sync lock of a MiniCRM system in this database, or throws `sync-busy` naming the run
 * that holds it. The lock lives in SQLite with the holder's pid, so a killed process never keeps
 * it: the next run sees that pid gone and takes over. Release it in `finally`.
 */
export function acquireSyncLock(db: AppDatabase, req: SyncLockRequest): SyncLock {
  const got = db.locks.tryAcquire(req.systemId, req.holder, req.profileName);
  if ('heldBy' in got) throw syncBusyError(got.heldBy);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        db.locks.release(req.systemId, got.token);
      } catch {
        // A closed or broken database: the lock dies with this process anyway (its pid is checked).
      }
    },
  };
}

/** Runs `fn` holding the lock; released however `fn` ends. */
export async function withSyncLock<T>(db: AppDatabase, req: SyncLockRequest, fn: () => Promise<T>): Promise<T> {
  const lock = acquireSyncLock(db, req);
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

/** Who holds the lock of a system now (null: free, or its holder is gone). */
export function syncLockHolder(db: AppDatabase, systemId: string): SyncLockInfo | null {
  return db.locks.holder(systemId);
}
