/** Servers and cards the check and undo tests share: runs delivered through the real publish path. */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { silentJobContext } from '../../shared/domain/job';
import { emptyProject, type FeedProject } from '../../shared/domain/project';
import type { AppDatabase } from '../../electron/services/db';
import { publishRun } from '../../electron/services/publish/publish-run';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import type { ConnectionSettings } from '../../electron/services/publish/settings';
import { startMinicrmStandin, type MinicrmStandin } from '../servers/minicrm-standin';
import { startNginx, type NginxServer } from '../servers/nginx-server';
import { builtRun, FAST_RETRY, openTestDb, tempDir } from '../publish/helpers';

export interface VerifyWorld {
  nginx: NginxServer;
  standin: MinicrmStandin;
  tmp: ReturnType<typeof tempDir>;
  db: AppDatabase;
  settings(): ConnectionSettings;
  deps(): { secrets: MemorySecretStore; settings: ConnectionSettings };
  /** Builds a run of these cards and delivers it; returns its id. */
  deliver(projects: FeedProject[]): Promise<number>;
}

/** Fresh history per test; nginx and the stand-in per file (the stand-in forgets its cards per test). */
export function useVerifyWorld(systemId: string, apiKey: string): VerifyWorld {
  let n = 0;
  const w = {} as VerifyWorld;
  beforeAll(async () => {
    w.nginx = await startNginx();
    w.standin = await startMinicrmStandin({ systemId, apiKey, ca: w.nginx.ca.caCert });
  });
  afterAll(async () => {
    await w.standin?.close();
    await w.nginx?.stop();
  });
  beforeEach(() => {
    w.tmp = tempDir();
    w.db = openTestDb(w.tmp.dir);
    w.standin.projects.clear();
    w.standin.holdImports(false);
    w.standin.loseFields([]);
    w.standin.rewritePhones(false);
    n++;
    return () => {
      w.db.close();
      w.tmp.cleanup();
    };
  });
  w.settings = () => ({
    systemId, apiBaseUrl: w.standin.baseUrl, downloadUser: null, apiCaFile: null,
    upload: { kind: 'https', folderUrl: `${w.nginx.davUrl}v${n}/`, auth: 'basic', user: w.nginx.user, caFile: w.nginx.ca.caCertPath },
    publicUrl: `${w.nginx.publicUrl}v${n}/`,
  });
  w.deps = () => ({ secrets: new MemorySecretStore({ 'minicrm.apiKey': apiKey, 'upload.password': w.nginx.password }), settings: w.settings() });
  w.deliver = async (projects) => {
    const { runId } = await builtRun(w.db, w.tmp.dir, projects);
    return publish(w, runId);
  };
  return w;
}

export async function publish(w: VerifyWorld, runId: number): Promise<number> {
  const r = await publishRun(w.db, runId, { ...w.deps(), retry: FAST_RETRY, syncTimeoutMs: 10_000 }, silentJobContext());
  expect(r.ok, r.message).toBe(true);
  return runId;
}

/** A card the way the engine leaves it: status by label, the dropdown by label, a date, company values. */
export function card(id: string, name: string, extra: { enumValue?: string; phone?: string; deadline?: string } = {}): FeedProject {
  const p = emptyProject(id);
  p.fields = { Name: name, StatusId: 'In progress', UserId: 'Anna Kovács', CategoryId: '1' };
  p.custom = [['Enum1221', extra.enumValue ?? 'Gold'], ['Deadline', extra.deadline ?? '2026-03-01'], ['Note', 'Megjegyzés  ']];
  p.Business.fields = { Name: `${name} Kft.`, Url: 'https://example.hu', Employees: '12' };
  p.Business.Emails = [{ Value: `info@${id.toLowerCase()}.hu`, Type: 'office', Default: '1' }];
  p.Business.Phones = [{ Value: extra.phone ?? '+36 30 765 4321', Default: '1' }];
  p.Contacts = [{ fields: { FirstName: 'Éva', LastName: 'Kiss' }, Emails: [], Phones: [] }];
  return p;
}
