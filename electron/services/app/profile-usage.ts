import { UnusableInputError } from '../../../shared/domain/errors';
import type { ProfileUsage } from '../../../shared/ipc/types';
import type { AppDatabase } from '../db';

/**
 * What names a saved profile, so deleting it is asked in plain words: history runs (they keep
 * their own copy of the mapping), rows kept for its next import, automatic syncs that use it.
 */
export function profileUsage(db: AppDatabase, id: number): ProfileUsage {
  const p = db.profiles.get(id);
  if (!p) throw new UnusableInputError('profile-not-found', `Profile ${id} does not exist.`, { profile: String(id) });
  return {
    runs: db.runs.countForProfile(p.name),
    keptRows: db.parked.count(p.name),
    schedules: db.schedules.list().filter((s) => s.profileId === id).map((s) => s.name),
  };
}
