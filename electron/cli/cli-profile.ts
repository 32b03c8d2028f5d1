import type { ProfileV1 } from '../../shared/profile/profile-types';
import { loadProfile } from '../services/engine/load-profile';
import { stringFlag, type CliArgs } from './args';
import type { CliIo } from './io';
import { openCliDatabase } from './cli-db';

/** `--profile` is a JSON file, or the name of a profile saved in the app's database. */
export async function loadCliProfile(ref: string, args: CliArgs, io: CliIo): Promise<ProfileV1> {
  return loadProfile(ref, (name) => {
    const db = openCliDatabase(stringFlag(args, 'db'), io);
    try {
      return db.profiles.getByName(name)?.json ?? null;
    } finally {
      db.close();
    }
  });
}
