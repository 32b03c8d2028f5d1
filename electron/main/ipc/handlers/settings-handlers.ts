import { SECRET_NAMES, type HostKeyInfo, type SettingsView } from '../../../../shared/ipc/types';
import { UnusableInputError } from '../../../../shared/domain/errors';
import { acceptHostKey } from '../../../services/publish/host-key';
import { fetchCategories, getProjectSchema } from '../../../services/publish/minicrm-schema';
import { loadSettings, saveSettings } from '../../../services/publish/settings';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';
import { effectiveLanguage, loadPrefs, PREFS_KEY } from './prefs';
import { forgetTests, readiness, recordTest } from './readiness';

type SettingsChannels =
  | 'settings:get' | 'settings:save' | 'settings:set-secret' | 'settings:clear-secret'
  | 'settings:test-connection' | 'settings:host-key' | 'settings:accept-host-key'
  | 'schema:categories' | 'schema:get' | 'schema:cached' | 'settings:readiness';

export async function settingsView(deps: HandlerDeps): Promise<SettingsView> {
  const secrets = {} as SettingsView['secrets'];
  for (const name of SECRET_NAMES) secrets[name] = await deps.secrets.has(name);
  return {
    connection: loadSettings(deps.db.settings),
    secrets,
    secretStorageProblem: deps.secretStorageProblem(),
    prefs: loadPrefs(deps),
    language: effectiveLanguage(deps),
  };
}

export function settingsHandlers(deps: HandlerDeps): Pick<Handlers, SettingsChannels> {
  /** Algorithms of host keys seen by connection tests, so accepting needs only the fingerprint. */
  const seenAlgorithms = new Map<string, string>();
  return {
    'settings:get': () => settingsView(deps),
    'settings:save': async ({ connection, prefs }) => {
      if (connection) saveSettings(deps.db.settings, connection);
      if (prefs) {
        const next = { ...loadPrefs(deps), ...prefs };
        deps.db.settings.set(PREFS_KEY, next);
        deps.onPrefsChanged?.(next, effectiveLanguage(deps));
      }
      return settingsView(deps);
    },
    'settings:set-secret': async ({ name, value }) => {
      await deps.secrets.set(name, value);
      forgetTests(deps);
      return settingsView(deps);
    },
    'settings:clear-secret': async ({ name }) => {
      await deps.secrets.delete(name);
      forgetTests(deps);
      return settingsView(deps);
    },
    'settings:test-connection': async ({ part }) => {
      const r = await deps.testConnection(part);
      if (!r.skipped) recordTest(deps, part, r.ok);
      if (r.hostKey) seenAlgorithms.set(r.hostKey.fingerprint, r.hostKey.algorithm);
      return r;
    },
    'schema:categories': () => fetchCategories(deps.db, loadSettings(deps.db.settings), deps.secrets),
    'schema:get': ({ categoryId, refresh }) =>
      getProjectSchema(deps.db, loadSettings(deps.db.settings), deps.secrets, categoryId, { refresh: refresh ?? false }),
    'schema:cached': async ({ categoryId }) => {
      const cached = deps.db.schemas.get(categoryId);
      return cached ? { fetchedAt: cached.fetchedAt } : null;
    },
    'settings:host-key': async () => {
      const up = loadSettings(deps.db.settings).upload;
      if (up?.kind !== 'sftp') return null;
      const pinned = deps.db.hostKeys.get(up.host, up.port);
      return pinned ? { host: up.host, port: up.port, algorithm: pinned.algorithm, fingerprint: pinned.fingerprint, status: 'pinned' } : null;
    },
    'settings:accept-host-key': async ({ host, port, algorithm, fingerprint }): Promise<HostKeyInfo> => {
      const algo = algorithm ?? seenAlgorithms.get(fingerprint);
      if (!algo) throw new UnusableInputError('host-key-untested', 'Test the connection first, then accept the key it shows.', { host, port });
      acceptHostKey(deps.db.hostKeys, host, port, algo, fingerprint);
      return { host, port, algorithm: algo, fingerprint, status: 'pinned' };
    },
    'settings:readiness': () => readiness(deps),
  };
}
