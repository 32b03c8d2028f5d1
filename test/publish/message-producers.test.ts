/**
 * The producers of main's human-readable messages that need no server return a code from the
 * catalogue (with params, never a secret): settings validation, the local SyncFeed budget, MiniCRM
 * and upload-server HTTP answers, run blockers, the connection test without settings.
 */
import { describe, expect, it } from 'vitest';
import { isMessageCode } from '../../shared/domain/message-codes';
import { checkConnection } from '../../electron/services/publish/preflight';
import { uploadStatusError } from '../../electron/services/publish/https-upload';
import { apiStatusError } from '../../electron/services/publish/minicrm-api';
import { publishBlocker } from '../../electron/services/publish/publish-run';
import { checkSyncFeedBudget } from '../../electron/services/publish/rate-limit';
import { MemorySecretStore } from '../../electron/services/publish/secret-store';
import { emptySettings, requireSettings, type ConnectionSettings } from '../../electron/services/publish/settings';
import type { RunRecord } from '../../shared/domain/run';

const SECRET = 'top-secret-pw-9';

async function refusal(s: ConnectionSettings, need: Parameters<typeof requireSettings>[2], secrets = new MemorySecretStore({})): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await requireSettings(s, secrets, need);
  } catch (e) {
    return e as { code: string; params: Record<string, unknown> };
  }
  throw new Error('accepted');
}

describe('message producers return codes', () => {
  it('settings validation names the setting', async () => {
    const s = emptySettings();
    expect(await refusal(s, { api: true })).toMatchObject({ code: 'setting-missing', params: { setting: 'systemId' } });
    expect(await refusal({ ...s, systemId: 'abc' }, { api: true })).toMatchObject({ code: 'setting-invalid', params: { setting: 'systemId', value: 'abc' } });
    expect(await refusal({ ...s, systemId: '42' }, { api: true })).toMatchObject({ code: 'setting-missing', params: { setting: 'apiKey' } });
    expect(await refusal(s, { upload: true })).toMatchObject({ code: 'setting-missing', params: { setting: 'uploadTarget' } });
    expect(await refusal({ ...s, publicUrl: 'ftp://x/' }, { publicUrl: true })).toMatchObject({ code: 'setting-not-https', params: { setting: 'publicUrl' } });
    const withPw = await refusal({ ...s, publicUrl: `https://bob:${SECRET}@x/` }, { publicUrl: true });
    expect(withPw).toMatchObject({ code: 'setting-has-credentials', params: { setting: 'publicUrl' } });
    expect(JSON.stringify(withPw.params)).not.toContain(SECRET);
  });

  it('the local SyncFeed budget refuses with used/limit/time', () => {
    const now = new Date('2024-05-01T10:00:00Z');
    const log = { record: () => undefined, countSince: () => 180, oldestSince: () => new Date('2024-05-01T09:30:00Z') };
    expect(() => checkSyncFeedBudget(log, now)).toThrow(expect.objectContaining({ code: 'rate-limited', params: expect.objectContaining({ used: 180, limit: 180 }) }));
  });

  it('MiniCRM and upload-server answers carry status and the server\'s own words', () => {
    const a = (status: number, body = '') => apiStatusError({ status, body, headers: {} });
    expect(a(401)).toMatchObject({ code: 'auth-failed', params: { status: 401 } });
    expect(a(400, 'Hibás kérés')).toMatchObject({ code: 'remote-error', params: { status: 400, detail: 'Hibás kérés' } });
    expect(a(503)).toMatchObject({ code: 'server-error', params: { status: 503 } });
    expect(a(429)?.code).toBe('minicrm-rate-limited');
    expect(uploadStatusError(405, '')).toMatchObject({ code: 'webdav-not-allowed', params: { status: 405 } });
    expect(uploadStatusError(413, '')).toMatchObject({ code: 'too-large', params: { status: 413 } });
    expect(uploadStatusError(418, 'teapot')).toMatchObject({ code: 'remote-error', params: { status: 418, detail: 'teapot' } });
  });

  it('run blockers name the run and its status', () => {
    const run = { id: 7, status: 'validated', feedPath: '/x.xml', syncedAt: null } as RunRecord;
    expect(publishBlocker(run)).toMatchObject({ code: 'run-not-publishable', params: { id: 7, runStatus: 'validated' } });
    expect(publishBlocker({ ...run, feedPath: null })).toMatchObject({ code: 'run-no-feed', params: { id: 7 } });
    expect(publishBlocker({ ...run, status: 'delivered' })).toMatchObject({ code: 'already-triggered', params: { id: 7 } });
  });

  it('the connection test without settings: every part has a code, none is free text', async () => {
    const hostKeys = { get: () => null, accept: () => undefined };
    const apiCalls = { record: () => undefined, countSince: () => 0, oldestSince: () => null, tryClaim: () => true };
    const r = await checkConnection(emptySettings(), new MemorySecretStore({}), { hostKeys, apiCalls });
    expect(r.parts.map((p) => [p.part, p.code, p.params])).toEqual([
      ['minicrm', 'setting-missing', { setting: 'systemId' }],
      ['upload', 'setting-missing', { setting: 'uploadTarget' }],
      ['public-url', 'public-url-skipped', {}],
    ]);
    for (const p of r.parts) expect(isMessageCode(p.code)).toBe(true);
  });
});
