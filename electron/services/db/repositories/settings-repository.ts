import { nowIso, type Db } from '../sql-util';

/** Non-secret settings as JSON values by key (connection settings, language, phone region …). */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get<T = unknown>(key: string): T | undefined {
    const r = this.db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?').get(key);
    return r ? (JSON.parse(r.value_json) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    if (value === undefined) throw new Error(`Setting "${key}": undefined cannot be stored; use delete().`);
    this.db
      .prepare(
        `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), nowIso());
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  all(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const r of this.db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings').all()) {
      out[r.key] = JSON.parse(r.value_json);
    }
    return out;
  }
}

/**
 * Encrypted secrets (Electron safeStorage ciphertext). This table never sees a plain secret: the
 * app's SecretStore encrypts before set() and decrypts after get().
 */
export class SecretBlobRepository {
  constructor(private readonly db: Db) {}

  get(name: string): Buffer | null {
    const r = this.db.prepare<[string], { blob: Buffer }>('SELECT blob FROM secret_blobs WHERE name = ?').get(name);
    return r ? r.blob : null;
  }

  set(name: string, ciphertext: Buffer): void {
    this.db
      .prepare(
        `INSERT INTO secret_blobs (name, blob, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET blob = excluded.blob, updated_at = excluded.updated_at`,
      )
      .run(name, ciphertext, nowIso());
  }

  has(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM secret_blobs WHERE name = ?').get(name) !== undefined;
  }

  delete(name: string): void {
    this.db.prepare('DELETE FROM secret_blobs WHERE name = ?').run(name);
  }

  names(): string[] {
    return this.db.prepare<[], { name: string }>('SELECT name FROM secret_blobs ORDER BY name').all().map((r) => r.name);
  }
}
