import { randomBytes } from 'node:crypto';
import { currentProcess, ownerAlive, type ProcessOwner } from '../process-owner';
import { nowIso, type Db } from '../sql-util';

/** `schedule`: an automatic sync the operating system started (Settings > Automatic sync). */
export type SyncHolder = 'app' | 'cli' | 'schedule';

/** Who holds a system's sync lock. */
export interface SyncLockInfo {
  systemId: string;
  holder: SyncHolder;
  profileName: string | null;
  pid: number;
  host: string;
  acquiredAt: string;
}

interface LockRow {
  system_id: string;
  token: string;
  holder: SyncHolder;
  profile_name: string | null;
  pid: number;
  host: string;
  process_started: number;
  acquired_at: string;
}

const info = (r: LockRow): SyncLockInfo => ({
  systemId: r.system_id, holder: r.holder, profileName: r.profile_name, pid: r.pid, host: r.host, acquiredAt: r.acquired_at,
});

const alive = (r: LockRow): boolean => ownerAlive({ pid: r.pid, host: r.host, started: r.process_started });

/**
 * One sync/publish at a time per MiniCRM system (and so per database: the row lives in it). A row
 * whose process is gone is stale and simply taken over, so a killed run never blocks the next one.
 */
export class SyncLockRepository {
  constructor(private readonly db: Db) {}

  /** Takes the lock (IMMEDIATE: two processes cannot both see it free), or says who holds it. */
  tryAcquire(systemId: string, holder: SyncHolder, profileName: string | null, owner: ProcessOwner = currentProcess()):
    { token: string } | { heldBy: SyncLockInfo } {
    return this.db.transaction(() => {
      const row = this.db.prepare<[string], LockRow>('SELECT * FROM sync_locks WHERE system_id = ?').get(systemId);
      if (row && alive(row)) return { heldBy: info(row) };
      const token = randomBytes(12).toString('hex');
      this.db.prepare(
        `INSERT OR REPLACE INTO sync_locks (system_id, token, holder, profile_name, pid, host, process_started, acquired_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(systemId, token, holder, profileName, owner.pid, owner.host, owner.started, nowIso());
      return { token };
    }).immediate();
  }

  /** Releases only the holder's own lock (a stale one taken over by another run stays theirs). */
  release(systemId: string, token: string): void {
    this.db.prepare('DELETE FROM sync_locks WHERE system_id = ? AND token = ?').run(systemId, token);
  }

  /** The live holder of a system's lock, if any (the app shows it before the user presses Sync). */
  holder(systemId: string): SyncLockInfo | null {
    const row = this.db.prepare<[string], LockRow>('SELECT * FROM sync_locks WHERE system_id = ?').get(systemId);
    return row && alive(row) ? info(row) : null;
  }
}
