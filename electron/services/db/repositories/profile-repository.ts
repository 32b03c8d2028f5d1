import { UnusableInputError } from '../../../../shared/domain/errors';
import { profileNameKey } from '../../../../shared/profile/profile-name';
import { nowIso, type Db } from '../sql-util';

export interface StoredProfile {
  id: number;
  name: string;
  /** The profile's v1 JSON text (parseProfile() turns it into a ProfileV1). */
  json: string;
  headerFingerprint: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ProfileRow {
  id: number;
  name: string;
  json: string;
  header_fingerprint: string | null;
  created_at: string;
  updated_at: string;
}

const toProfile = (r: ProfileRow): StoredProfile => ({
  id: r.id, name: r.name, json: r.json, headerFingerprint: r.header_fingerprint, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Saved mapping profiles; names are unique (saving under an existing name replaces it; create and rename refuse a name that differs from a saved one only in case or spaces). */
export class ProfileRepository {
  constructor(private readonly db: Db) {}

  /** Insert or replace by name; returns the profile's id (stable across replacements). */
  save(name: string, json: string, headerFingerprint: string | null = null): number {
    const at = nowIso();
    this.db
      .prepare(
        `INSERT INTO profiles (name, json, header_fingerprint, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET json = excluded.json, header_fingerprint = excluded.header_fingerprint, updated_at = excluded.updated_at`,
      )
      .run(name, json, headerFingerprint, at, at);
    return this.db.prepare<[string], { id: number }>('SELECT id FROM profiles WHERE name = ?').get(name)!.id;
  }

  /** Insert only; throws when the name is taken (for "save as new" flows). */
  create(name: string, json: string, headerFingerprint: string | null = null): number {
    if (this.holder(name) !== null) throw nameTaken(name);
    return this.save(name, json, headerFingerprint);
  }

  /** Renames; the rows kept for the next import with this profile (keyed by its name) move with it. */
  rename(id: number, name: string): void {
    // Its own name is not "taken": saving a profile again under the same name is an update.
    if ((this.holder(name) ?? id) !== id) throw nameTaken(name);
    const old = this.get(id)?.name;
    this.db.transaction(() => {
      this.db.prepare('UPDATE profiles SET name = ?, updated_at = ? WHERE id = ?').run(name, nowIso(), id);
      if (old !== undefined && old !== name) this.db.prepare('UPDATE parked_rows SET profile_name = ? WHERE profile_name = ?').run(name, old);
    })();
  }

  /** The id of the profile whose name is `name` to a reader ("Webshop" and " webshop" are one name), or null. */
  private holder(name: string): number | null {
    const key = profileNameKey(name);
    return this.db.prepare<[], { id: number; name: string }>('SELECT id, name FROM profiles').all().find((r) => profileNameKey(r.name) === key)?.id ?? null;
  }

  get(id: number): StoredProfile | null {
    const r = this.db.prepare<[number], ProfileRow>('SELECT * FROM profiles WHERE id = ?').get(id);
    return r ? toProfile(r) : null;
  }

  getByName(name: string): StoredProfile | null {
    const r = this.db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE name = ?').get(name);
    return r ? toProfile(r) : null;
  }

  /** Profiles saved for files with exactly these headers, most recently updated first. */
  findByFingerprint(fingerprint: string): StoredProfile[] {
    return this.db
      .prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE header_fingerprint = ? ORDER BY updated_at DESC, id DESC')
      .all(fingerprint)
      .map(toProfile);
  }

  list(): StoredProfile[] {
    return this.db.prepare<[], ProfileRow>('SELECT * FROM profiles ORDER BY name COLLATE NOCASE').all().map(toProfile);
  }

  /** Removes the saved profile only: history runs keep their own copy (`runs.profile_json`), kept rows stay under its name. */
  delete(id: number): void {
    this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
  }
}

const nameTaken = (name: string): UnusableInputError =>
  new UnusableInputError('profile-name-taken', `A profile named "${name}" already exists.`, { profile: name });
