import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { SECRET_NAMES, type SecretName } from '../../../shared/domain/connection';
import { UnusableInputError } from '../../../shared/domain/errors';

/**
 * Where the publishing side keeps its secrets. The app uses Electron's safeStorage
 * (safe-storage-secret-store.ts); the CLI and the tests use environment variables and/or a JSON
 * file only its owner can read. Plain values never go to SQLite, logs or the history.
 */
export { SECRET_NAMES, type SecretName };

export interface SecretStore {
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  has(name: SecretName): Promise<boolean>;
}

/** The documented environment variables the CLI reads (see README "CLI settings and secrets"). */
export const SECRET_ENV_VARS: Record<SecretName, string> = {
  'minicrm.apiKey': 'MINICRM_API_KEY',
  'upload.password': 'MINICRM_UPLOAD_PASSWORD',
  'upload.keyPassphrase': 'MINICRM_UPLOAD_KEY_PASSPHRASE',
  'upload.token': 'MINICRM_UPLOAD_TOKEN',
  'download.password': 'MINICRM_DOWNLOAD_PASSWORD',
};

export function isSecretName(name: string): name is SecretName {
  return (SECRET_NAMES as readonly string[]).includes(name);
}

/** Read-only: secrets from environment variables (CI, scripts). */
export class EnvSecretStore implements SecretStore {
  constructor(private readonly env: Record<string, string | undefined> = process.env) {}
  async get(name: SecretName): Promise<string | null> {
    const v = this.env[SECRET_ENV_VARS[name]];
    return v === undefined || v === '' ? null : v;
  }
  async has(name: SecretName): Promise<boolean> {
    return (await this.get(name)) !== null;
  }
  async set(name: SecretName, _value?: string): Promise<void> {
    throw new UnusableInputError('secret-env-readonly', `Secrets from environment variables cannot be changed here; set ${SECRET_ENV_VARS[name]} instead.`, { variable: SECRET_ENV_VARS[name] });
  }
  async delete(name: SecretName): Promise<void> {
    return this.set(name);
  }
}

/**
 * A JSON file `{ "minicrm.apiKey": "…" }` readable only by its owner (0600 on POSIX; a file others
 * can read is refused rather than used, so a leaked secret is noticed before it is relied upon).
 */
export class FileSecretStore implements SecretStore {
  constructor(readonly path: string) {}

  private read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    if (process.platform !== 'win32') {
      const mode = statSync(this.path).mode & 0o777;
      if (mode & 0o077) {
        throw new UnusableInputError('secrets-file-unsafe',
          `The secrets file ${this.path} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 ${this.path}`,
          { path: this.path, mode: mode.toString(8) });
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      throw new UnusableInputError('secrets-file-invalid', `The secrets file ${this.path} is not valid JSON.`, { path: this.path });
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UnusableInputError('secrets-file-invalid', `The secrets file ${this.path} must hold a JSON object.`, { path: this.path });
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
    return out;
  }

  private write(all: Record<string, string>): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }

  async get(name: SecretName): Promise<string | null> {
    return this.read()[name] ?? null;
  }
  async has(name: SecretName): Promise<boolean> {
    return (await this.get(name)) !== null;
  }
  async set(name: SecretName, value: string): Promise<void> {
    this.write({ ...this.read(), [name]: value });
  }
  async delete(name: SecretName): Promise<void> {
    const all = this.read();
    delete all[name];
    this.write(all);
  }
}

/** Tests and short-lived jobs. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();
  constructor(initial: Partial<Record<SecretName, string>> = {}) {
    for (const [k, v] of Object.entries(initial)) if (v !== undefined && isSecretName(k)) this.values.set(k, v);
  }
  async get(name: SecretName): Promise<string | null> { return this.values.get(name) ?? null; }
  async has(name: SecretName): Promise<boolean> { return this.values.has(name); }
  async set(name: SecretName, value: string): Promise<void> { this.values.set(name, value); }
  async delete(name: SecretName): Promise<void> { this.values.delete(name); }
}

/** Environment first (so a CI variable overrides), then the writable store. */
export class LayeredSecretStore implements SecretStore {
  constructor(private readonly readFirst: SecretStore, private readonly writable: SecretStore) {}
  async get(name: SecretName): Promise<string | null> {
    return (await this.readFirst.get(name)) ?? (await this.writable.get(name));
  }
  async has(name: SecretName): Promise<boolean> { return (await this.get(name)) !== null; }
  async set(name: SecretName, value: string): Promise<void> { return this.writable.set(name, value); }
  async delete(name: SecretName): Promise<void> { return this.writable.delete(name); }
}

/** Every secret value currently known, for `redact` (messages are cleaned against these). */
export async function allSecretValues(store: SecretStore): Promise<string[]> {
  const out: string[] = [];
  for (const n of SECRET_NAMES) {
    try {
      const v = await store.get(n);
      if (v) out.push(v);
    } catch {
      // An unreadable store has nothing to leak.
    }
  }
  return out;
}
