import { describe, expect, it, vi } from 'vitest';
import { buildApi, type IpcRendererLike } from '../../electron/preload/build-api';
import { CHANNELS } from '../../shared/ipc/channels';
import { apiName, eventChannel } from '../../shared/ipc/contract';
import { createApiClient, IpcFailure } from '../../shared/ipc/client';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(e: unknown, p: unknown) => void>>();
  const ipc: IpcRendererLike & { emit(channel: string, payload: unknown): void } = {
    invoke: vi.fn(async (channel: string, payload?: unknown) => ({ ok: true, value: { channel, payload } })),
    on: (c, l) => listeners.set(c, (listeners.get(c) ?? new Set()).add(l)),
    removeListener: (c, l) => listeners.get(c)?.delete(l),
    emit: (c, p) => listeners.get(c)?.forEach((l) => l({ sender: 'secret-ish' }, p)),
  };
  return ipc;
}

describe('preload api', () => {
  it('has exactly one named function per contract channel plus on and getPathForFile', () => {
    const api = buildApi(fakeIpcRenderer(), () => '/x');
    const expected = [...CHANNELS.map((c) => apiName(c)), 'on', 'getPathForFile'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(apiName('check:edit-cell')).toBe('checkEditCell');
    expect(apiName('settings:accept-host-key')).toBe('settingsAcceptHostKey');
  });

  it('each function invokes its own channel with the payload', async () => {
    const ipc = fakeIpcRenderer();
    const api = buildApi(ipc, () => '');
    expect(await api.sourceInspect({ path: '/a.csv' })).toEqual({ ok: true, value: { channel: 'source:inspect', payload: { path: '/a.csv' } } });
    await api.appInfo();
    expect(ipc.invoke).toHaveBeenLastCalledWith('app:info', undefined);
  });

  it('on() forwards only the payload (never the event) and returns an unsubscribe', () => {
    const ipc = fakeIpcRenderer();
    const api = buildApi(ipc, () => '');
    const seen: unknown[] = [];
    const off = api.on('job:progress', (p) => seen.push(p));
    ipc.emit(eventChannel('job:progress'), { jobId: 'j', stage: 'reading', done: 1, total: null, unit: 'rows' });
    off();
    ipc.emit(eventChannel('job:progress'), { jobId: 'j', stage: 'reading', done: 2, total: null, unit: 'rows' });
    expect(seen).toEqual([{ jobId: 'j', stage: 'reading', done: 1, total: null, unit: 'rows' }]);
    expect(() => api.on('not-an-event' as 'job:done', () => undefined)).toThrow();
  });

  it('getPathForFile never throws', () => {
    const api = buildApi(fakeIpcRenderer(), () => {
      throw new Error('not a real file');
    });
    expect(api.getPathForFile({} as File)).toBe('');
  });

  it('createApiClient unwraps envelopes and throws IpcFailure with the code', async () => {
    const ipc = fakeIpcRenderer();
    (ipc.invoke as ReturnType<typeof vi.fn>).mockImplementation(async (channel: string) =>
      channel === 'profile:list'
        ? { ok: false, error: { code: 'invalid-profile', message: 'Bad key x', params: { key: 'x' } } }
        : { ok: true, value: 42 });
    const client = createApiClient(buildApi(ipc, () => ''));
    expect(await client.appInfo()).toBe(42);
    const err = await client.profileList().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcFailure);
    expect(err).toMatchObject({ code: 'invalid-profile', message: 'Bad key x', params: { key: 'x' } });
  });
});
