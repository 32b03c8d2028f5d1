/**
 * Whether the app is ready to sync, part by part (MiniCRM account, upload place, public address):
 * the first setting each part still lacks (the publishing side's own requireSettings says which) and
 * the last connection test of that part, if it was made with the settings as they are now.
 */
import type { ConnectionPart, Readiness } from '../../../../shared/ipc/types';
import { toIpcError } from '../../../../shared/ipc/ipc-error';
import { loadSettings, requireSettings } from '../../../services/publish/settings';
import type { HandlerDeps } from './deps';

const TESTS_KEY = 'connection.tests';
const NEEDS: Record<ConnectionPart, { api?: boolean; upload?: boolean; publicUrl?: boolean }> = {
  minicrm: { api: true },
  upload: { upload: true },
  'public-url': { publicUrl: true },
};

type StoredTests = Partial<Record<ConnectionPart, { ok: boolean; at: string; settings: string }>>;

const settingsKey = (deps: Pick<HandlerDeps, 'db'>): string => JSON.stringify(loadSettings(deps.db.settings));

/** Remembers a connection test's outcome with the settings it was made with. */
export function recordTest(deps: Pick<HandlerDeps, 'db'>, part: ConnectionPart, ok: boolean): void {
  const tests = deps.db.settings.get<StoredTests>(TESTS_KEY) ?? {};
  deps.db.settings.set(TESTS_KEY, { ...tests, [part]: { ok, at: new Date().toISOString(), settings: settingsKey(deps) } });
}

/** A secret changed: earlier tests no longer say anything about the connection. */
export function forgetTests(deps: Pick<HandlerDeps, 'db'>): void {
  deps.db.settings.set(TESTS_KEY, {});
}

export async function readiness(deps: Pick<HandlerDeps, 'db' | 'secrets'>): Promise<Readiness> {
  const settings = loadSettings(deps.db.settings);
  const tests = deps.db.settings.get<StoredTests>(TESTS_KEY) ?? {};
  const key = settingsKey(deps);
  const parts = [] as Readiness['parts'];
  for (const part of Object.keys(NEEDS) as ConnectionPart[]) {
    let problem: Readiness['parts'][number]['problem'] = null;
    try {
      await requireSettings(settings, deps.secrets, NEEDS[part]);
    } catch (err) {
      const e = toIpcError(err);
      problem = { code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) };
    }
    const test = tests[part];
    parts.push({ part, problem, tested: test && test.settings === key ? { ok: test.ok, at: test.at } : null });
  }
  return { parts, ready: parts.every((p) => p.problem === null) };
}
