import { describe, expect, it, vi } from 'vitest';
import { handle, invokeChannel, registerIpc, type Handlers, type IpcMainLike, type InvokeEventLike } from '../../electron/main/ipc/handle';
import { CHANNELS } from '../../shared/ipc/channels';
import { CancelledError, UnusableInputError } from '../../shared/domain/errors';
import { GENERIC_ERROR, redact, toIpcError } from '../../shared/ipc/ipc-error';

function fakeIpcMain() {
  const listeners = new Map<string, (e: InvokeEventLike, p: unknown) => Promise<unknown>>();
  const ipc: IpcMainLike = {
    handle: (c, l) => void listeners.set(c, l),
    removeHandler: (c) => void listeners.delete(c),
  };
  return { ipc, listeners };
}

describe('handle: payload validation', () => {
  it('rejects a bad payload without calling the handler', async () => {
    const fn = vi.fn(async () => ({ id: 1, name: 'x', updatedAt: '', profile: {} as never }));
    const bad = await invokeChannel('profile:get', fn, { id: 'one' });
    expect(fn).not.toHaveBeenCalled();
    expect(bad).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid-request', params: { channel: 'profile:get', fields: 'id' } }) });
    const extra = await invokeChannel('profile:get', fn, { id: 1, evil: true });
    expect(extra.ok).toBe(false);
    expect(fn).not.toHaveBeenCalled();
    const good = await invokeChannel('profile:get', fn, { id: 1 });
    expect(good.ok).toBe(true);
    expect(fn).toHaveBeenCalledWith({ id: 1 });
  });

  it('accepts undefined/null/{} for channels without a request and passes undefined', async () => {
    const fn = vi.fn(async () => []);
    for (const p of [undefined, null, {}]) expect((await invokeChannel('profile:list', fn, p)).ok).toBe(true);
    expect(fn.mock.calls.every((c: unknown[]) => c[0] === undefined)).toBe(true);
    expect((await invokeChannel('profile:list', fn, { x: 1 })).ok).toBe(false);
  });

  it('refuses a profile that is not a v1 profile object and a secret name it does not know', async () => {
    const fn = vi.fn(async () => ({ id: 1 }));
    expect((await invokeChannel('profile:save', fn, { profile: { name: 'x' } })).ok).toBe(false);
    const set = vi.fn(async () => ({}) as never);
    expect((await invokeChannel('settings:set-secret', set, { name: 'root.password', value: 'x' })).ok).toBe(false);
    expect(set).not.toHaveBeenCalled();
  });
});

describe('handle: error mapping', () => {
  it('UnusableInputError keeps its code, message and params', async () => {
    const r = await invokeChannel('source:inspect', async () => {
      throw new UnusableInputError('not-a-spreadsheet', 'This is not a spreadsheet.', { file: 'x.pdf' });
    }, { path: '/tmp/x.pdf' });
    expect(r).toEqual({ ok: false, error: { code: 'not-a-spreadsheet', message: 'This is not a spreadsheet.', params: { file: 'x.pdf' } } });
  });

  it('unknown errors become a generic message: no stack, no internals', async () => {
    const logError = vi.fn();
    const r = await invokeChannel('profile:list', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x') at /home/u/app/secret.ts:10");
    }, undefined, { logError });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('internal-error');
    expect(JSON.stringify(r.error)).not.toMatch(/secret\.ts|TypeError|at /);
    expect(logError).toHaveBeenCalledOnce();
  });

  it('service errors with a translatable code keep their message with credentials masked', () => {
    const err = Object.assign(new Error('Upload to https://bob:s3cret@dav.example/feeds failed (password=abc)'), { code: 'forbidden', params: { url: 'https://bob:s3cret@x/' } });
    const e = toIpcError(err);
    expect(e.code).toBe('forbidden');
    expect(e.message).toBe('Upload to https://bob:****@dav.example/feeds failed (password=****)');
    expect(JSON.stringify(e)).not.toContain('s3cret');
    expect(toIpcError(Object.assign(new Error('ENOENT /x'), { code: 'ENOENT' })).code).toBe('internal-error');
    // A kebab-case code the UI has no sentence for is not shown as if it were written for users.
    expect(toIpcError(Object.assign(new Error('Some library detail'), { code: 'lib-detail' }))).toEqual(GENERIC_ERROR);
    expect(toIpcError(new CancelledError()).code).toBe('cancelled');
    expect(redact('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic ****');
  });
});

describe('registerIpc', () => {
  it('registers every contract channel through handle and checks the sender', async () => {
    const { ipc, listeners } = fakeIpcMain();
    const handlers = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(async () => c)])) as unknown as Handlers;
    const unregister = registerIpc(ipc, handlers, { isTrustedSender: (u) => u.startsWith('file:///app/') });
    expect([...listeners.keys()].sort()).toEqual([...CHANNELS].sort());
    const call = listeners.get('app:info');
    expect(await call?.({ senderFrame: { url: 'file:///app/index.html' } }, undefined)).toEqual({ ok: true, value: 'app:info' });
    expect(await call?.({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden-sender' }) });
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('handle registers a single channel', async () => {
    const { ipc, listeners } = fakeIpcMain();
    handle(ipc, 'job:cancel', async () => undefined);
    expect(await listeners.get('job:cancel')?.({}, { jobId: 'j1' })).toEqual({ ok: true, value: undefined });
    expect(await listeners.get('job:cancel')?.({}, {})).toMatchObject({ ok: false });
  });
});
