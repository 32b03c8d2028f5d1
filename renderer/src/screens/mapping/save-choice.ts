/**
 * When pressing Save may cost the user a saved profile: the mapping on screen came from a saved
 * profile (recognised or applied) and either the file in front of them lacks columns that profile
 * reads (another layout: updating it would stop it mapping its own files) or they typed another
 * name. Then the app asks: a new profile, or update that one. Otherwise Save updates in place.
 */
import type { ProfileV1 } from '../../../../shared/profile/profile-types';
import { profileNameKey } from '../../../../shared/profile/profile-name';
import { matchProfileToHeaders } from '../../../../shared/profile/propose';

export interface SaveQuestion {
  /** The saved profile the mapping came from, as stored now. */
  storedName: string;
  /** Columns it reads that this file does not have (empty: the same layout). */
  missing: string[];
  /** The name typed for the mapping, when it is not the saved profile's (null: the same name). */
  renamedTo: string | null;
}

/** Null: Save is a plain update of the saved profile (same layout, same name), nothing can be lost. */
export function saveQuestion(stored: { name: string; profile: ProfileV1 }, name: string, headers: readonly string[]): SaveQuestion | null {
  const missing = matchProfileToHeaders(stored.profile, headers).missing;
  const renamedTo = name !== stored.name ? name : null;
  return missing.length === 0 && renamedTo === null ? null : { storedName: stored.name, missing, renamedTo };
}

/** "Name", else "Name (2)", "Name (3)", … : the first one no saved profile has. */
export function freeName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map(profileNameKey));
  if (!used.has(profileNameKey(base))) return base;
  for (let n = 2; ; n++) if (!used.has(profileNameKey(`${base} (${n})`))) return `${base} (${n})`;
}

/**
 * The name offered for a new profile: the name the user typed when it is new, else the file's name
 * (what a new file's proposal is called), never one a saved profile already has.
 */
export function newProfileName(typed: string, storedName: string | null, fileName: string, taken: readonly string[]): string {
  const own = typed.trim();
  const file = fileName.replace(/\.[^.]+$/, '').trim();
  const base = own !== '' && own !== storedName ? own : file || own;
  return freeName(base, taken);
}
