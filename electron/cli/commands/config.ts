import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UnusableInputError } from '../../../shared/domain/errors';
import { defaultDbPath } from '../../services/db/database';
import {
  EnvSecretStore, FileSecretStore, isSecretName, LayeredSecretStore, SECRET_ENV_VARS, SECRET_NAMES, type SecretStore,
} from '../../services/publish/secret-store';
import { loadSettings, saveSettings, type ConnectionSettings, type HttpsTarget, type SftpTarget } from '../../services/publish/settings';
import { allowFlags, boolFlag, stringFlag, UsageError, type CliArgs } from '../args';
import { openCliDatabase } from '../cli-db';
import type { AppDatabase } from '../../services/db/database';
import type { CliIo } from '../io';

/**
 * How the CLI gets its secrets: environment variables (MINICRM_API_KEY …) win; otherwise a JSON
 * file readable only by its owner: --secrets PATH, MINICRM_SECRETS_FILE, or `cli-secrets.json`
 * next to the database. Run by the app's own binary (the launcher, schedules), the app's
 * keychain-backed store takes the file's place unless a secrets file is named explicitly.
 */
export function cliSecretsPath(args: CliArgs, io: CliIo): string {
  const explicit = stringFlag(args, 'secrets') ?? io.env.MINICRM_SECRETS_FILE;
  if (explicit) return resolve(io.cwd, explicit);
  const db = stringFlag(args, 'db') ?? io.env.MINICRM_SYNC_DB ?? defaultDbPath();
  return join(dirname(resolve(io.cwd, db)), 'cli-secrets.json');
}

export interface CliSecrets {
  /** Environment first, then `writable`. */
  store: SecretStore;
  env: EnvSecretStore;
  /** Where `config set <secret>` writes: the secrets file, or the app's keychain-backed store. */
  writable: SecretStore;
  /** The secrets file, when that is the writable store. */
  file: FileSecretStore | null;
}

export function cliSecretStore(args: CliArgs, io: CliIo, db?: AppDatabase): CliSecrets {
  const env = new EnvSecretStore(io.env);
  const explicitFile = stringFlag(args, 'secrets') ?? io.env.MINICRM_SECRETS_FILE;
  if (io.host && db && !explicitFile) {
    const keychain = io.host.keychain(db);
    return { store: new LayeredSecretStore(env, keychain), env, writable: keychain, file: null };
  }
  const file = new FileSecretStore(cliSecretsPath(args, io));
  return { store: new LayeredSecretStore(env, file), env, writable: file, file };
}

const sftpDefaults = (s: ConnectionSettings): SftpTarget => ({
  kind: 'sftp', host: '', port: 22, user: s.upload?.kind === 'https' ? (s.upload.user ?? '') : '', auth: 'password', privateKeyPath: null, remoteFolder: '',
});
const httpsDefaults = (): HttpsTarget => ({ kind: 'https', folderUrl: '', auth: 'basic', user: null, caFile: null });

/** `config set KEY VALUE` keys (non-secret). */
export const SETTING_KEYS = [
  'minicrm.systemId', 'minicrm.apiBaseUrl', 'minicrm.caFile', 'upload.kind', 'upload.host', 'upload.port', 'upload.user',
  'upload.auth', 'upload.privateKeyPath', 'upload.remoteFolder', 'upload.folderUrl', 'upload.caFile', 'public.url', 'public.caFile', 'download.user',
] as const;

const bad = (m: string) => new UnusableInputError('unusable-settings', m);

export function applySetting(s: ConnectionSettings, key: string, raw: string, cwd: string): ConnectionSettings {
  const v = raw.trim();
  const next: ConnectionSettings = { ...s, upload: s.upload ? { ...s.upload } : null };
  const path = (p: string) => (p === '' ? null : resolve(cwd, p));
  const needKind = <K extends 'sftp' | 'https'>(kind: K): (K extends 'sftp' ? SftpTarget : HttpsTarget) => {
    if (next.upload?.kind !== kind) throw bad(`"${key}" belongs to an ${kind.toUpperCase()} target; first run: config set upload.kind ${kind}`);
    return next.upload as K extends 'sftp' ? SftpTarget : HttpsTarget;
  };
  switch (key) {
    case 'minicrm.systemId': next.systemId = v; break;
    case 'minicrm.apiBaseUrl': next.apiBaseUrl = v; break;
    case 'minicrm.caFile': next.apiCaFile = path(v); break;
    case 'public.url': next.publicUrl = v; break;
    case 'public.caFile': next.publicCaFile = path(v); break;
    case 'download.user': next.downloadUser = v || null; break;
    case 'upload.kind':
      if (v === 'sftp') next.upload = next.upload?.kind === 'sftp' ? next.upload : sftpDefaults(s);
      else if (v === 'https') next.upload = next.upload?.kind === 'https' ? next.upload : httpsDefaults();
      else if (v === 'minicrm') next.upload = { kind: 'minicrm' };
      else if (v === 'none') next.upload = null;
      else throw bad(`upload.kind must be sftp, https, minicrm (experimental: straight to MiniCRM) or none (got "${v}").`);
      break;
    case 'upload.host': needKind('sftp').host = v; break;
    case 'upload.port': {
      const port = Number(v);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad(`upload.port must be a port number (got "${v}").`);
      needKind('sftp').port = port;
      break;
    }
    case 'upload.remoteFolder': needKind('sftp').remoteFolder = v; break;
    case 'upload.privateKeyPath': needKind('sftp').privateKeyPath = path(v); break;
    case 'upload.folderUrl': needKind('https').folderUrl = v; break;
    case 'upload.caFile': needKind('https').caFile = path(v); break;
    case 'upload.user':
      if (!next.upload || next.upload.kind === 'minicrm') throw bad('Set upload.kind (sftp or https) first.');
      if (next.upload.kind === 'sftp') next.upload.user = v;
      else next.upload.user = v || null;
      break;
    case 'upload.auth': {
      const t = next.upload;
      if (!t || t.kind === 'minicrm') throw bad('Set upload.kind (sftp or https) first.');
      if (t.kind === 'sftp' && (v === 'password' || v === 'key')) t.auth = v;
      else if (t.kind === 'https' && (v === 'basic' || v === 'bearer' || v === 'none')) t.auth = v;
      else throw bad(`upload.auth must be ${t.kind === 'sftp' ? 'password or key' : 'basic, bearer or none'} (got "${v}").`);
      break;
    }
    default:
      throw new UsageError(`Unknown setting "${key}". Settings: ${SETTING_KEYS.join(', ')}; secrets: ${SECRET_NAMES.join(', ')}.`);
  }
  return next;
}

export function settingsLines(s: ConnectionSettings): string[] {
  const lines = [
    `minicrm.systemId      ${s.systemId || '(not set)'}`,
    `minicrm.apiBaseUrl    ${s.apiBaseUrl}`,
  ];
  if (s.apiCaFile) lines.push(`minicrm.caFile        ${s.apiCaFile}`);
  const t = s.upload;
  lines.push(`upload.kind           ${t?.kind ?? 'none'}`);
  if (t?.kind === 'sftp') {
    lines.push(`upload.host           ${t.host}`, `upload.port           ${t.port}`, `upload.user           ${t.user}`,
      `upload.auth           ${t.auth}`, `upload.privateKeyPath ${t.privateKeyPath ?? ''}`, `upload.remoteFolder   ${t.remoteFolder}`);
  } else if (t?.kind === 'https') {
    lines.push(`upload.folderUrl      ${t.folderUrl}`, `upload.auth           ${t.auth}`, `upload.user           ${t.user ?? ''}`,
      `upload.caFile         ${t.caFile ?? ''}`);
  }
  if (t?.kind === 'minicrm') {
    lines.push('                      (experimental: feeds are posted straight to MiniCRM; no public address needed)');
    return lines;
  }
  lines.push(`public.url            ${s.publicUrl || '(not set)'}`, `download.user         ${s.downloadUser ?? ''}`);
  if (s.publicCaFile) lines.push(`public.caFile         ${s.publicCaFile}`);
  return lines;
}

/** `config show` | `config set KEY VALUE` (a secret KEY goes to the secrets file; VALUE `-` reads stdin). */
export async function runConfig(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['db', 'secrets', 'json']);
  const [action, key, ...rest] = args.positionals;
  const db = openCliDatabase(stringFlag(args, 'db'), io);
  try {
    const current = loadSettings(db.settings);
    if (action === 'show' && !key) {
      const { env, file, writable } = cliSecretStore(args, io, db);
      let fileOk = true;
      const secrets: Record<string, string> = {};
      for (const name of SECRET_NAMES) {
        let where = 'not set';
        if (await env.has(name)) where = `set (environment ${SECRET_ENV_VARS[name]})`;
        else {
          try {
            if (await writable.has(name)) where = file ? `set (file ${file.path})` : 'set (keychain)';
          } catch (e) {
            fileOk = false;
            where = `unreadable: ${(e as Error).message}`;
          }
        }
        secrets[name] = where;
      }
      if (boolFlag(args, 'json')) {
        io.out(JSON.stringify({ settings: current, secrets }, null, 2));
      } else {
        for (const line of settingsLines(current)) io.out(line);
        for (const name of SECRET_NAMES) io.out(`${name.padEnd(22)}${secrets[name]}`);
      }
      return fileOk ? 0 : 2;
    }
    if (action === 'set' && key && rest.length === 1) {
      const value = rest[0] === '-' ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : rest[0]!;
      if (isSecretName(key)) {
        const { file, writable } = cliSecretStore(args, io, db);
        await writable.set(key, value);
        io.out(file ? `Saved secret ${key} to ${file.path} (readable only by you).` : `Saved secret ${key} in the app's keychain-backed store.`);
        return 0;
      }
      saveSettings(db.settings, applySetting(current, key, value, io.cwd));
      io.out(`Saved ${key}.`);
      return 0;
    }
    throw new UsageError('Usage: config show | config set KEY VALUE (VALUE "-" reads it from standard input).');
  } finally {
    db.close();
  }
}
