import { readFile, stat } from 'node:fs/promises';
import { UnusableInputError } from '../../../shared/domain/errors';
import { parseProfileText } from '../../../shared/profile/profile-parse';
import type { ProfileV1 } from '../../../shared/profile/profile-types';

/**
 * `--profile P`: a profile JSON file, or the name of a profile saved in the app (looked up by the
 * caller-supplied function so the engine does not need a database just to validate).
 */
export async function loadProfile(ref: string, lookupSaved?: (name: string) => string | null): Promise<ProfileV1> {
  const isFile = await stat(ref).then((s) => s.isFile(), () => false);
  if (isFile) return parseProfileText(await readFile(ref, 'utf8'));
  const saved = lookupSaved?.(ref) ?? null;
  if (saved !== null) return parseProfileText(saved);
  throw new UnusableInputError('profile-not-found', `Profile "${ref}" was not found: it is neither a file nor a saved profile.`, { profile: ref });
}
