/** An OS scheduler that keeps its entries in memory (IPC and browser tests; the real ones are tested in test/schedule). */
import { UnusableInputError } from '../../shared/domain/errors';
import type { OsEntry } from '../../electron/services/schedule/os-entry';
import type { OsScheduler } from '../../electron/services/schedule/os-scheduler';

export class MemoryScheduler implements OsScheduler {
  readonly kind = 'systemd' as const;
  entries = new Map<string, OsEntry>();
  /** When set, register() is refused with this text (like `systemctl` failing). */
  refuse: string | null = null;
  entryName = (key: string, id: number) => `minicrm-xml-sync-${key}-${id}.timer`;
  async register(e: OsEntry) {
    if (this.refuse) throw new UnusableInputError('scheduler-failed', `The system (systemd) did not accept the automatic sync: ${this.refuse}`, { system: 'systemd', detail: this.refuse });
    this.entries.set(`${e.key}-${e.schedule.id}`, e);
  }
  async unregister(key: string, id: number) {
    this.entries.delete(`${key}-${id}`);
  }
  async isRegistered(key: string, id: number) {
    return this.entries.has(`${key}-${id}`);
  }
}
