import type { ProfileV1 } from '../../shared/profile/profile-types';
import { withErrorPolicy } from '../../shared/profile/error-policy';
import { loadProfile } from '../services/engine/load-profile';
import { boolFlag, stringFlag, type CliArgs } from './args';
import type { CliIo } from './io';
import { openCliDatabase } from './cli-db';

/**
 * `--profile` is a JSON file, or the name of a profile saved in the app's database. With `--strict`
 * (build, sync) a bad value is an error whatever the profile's `onError` says, so that nothing is
 * written when any value is wrong.
 */
export async function loadCliProfile(ref: string, args: CliArgs, io: CliIo): Promise<ProfileV1> {
  const profile = await loadNamed(ref, args, io);
  return boolFlag(args, 'strict') ? withErrorPolicy(profile, { values: 'reject', projectFields: 'reject' }) : profile;
}

function loadNamed(ref: string, args: CliArgs, io: CliIo): Promise<ProfileV1> {
  return loadProfile(ref, (name) => {
    const db = openCliDatabase(stringFlag(args, 'db'), io);
    try {
      return db.profiles.getByName(name)?.json ?? null;
    } finally {
      db.close();
    }
  });
}
