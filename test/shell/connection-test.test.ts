import { describe, expect, it } from 'vitest';
import { changedHostKeyOf } from '../../electron/services/app/connection-test';
import { checkHostKey } from '../../electron/services/publish/host-key';
import { toIpcError } from '../../shared/ipc/ipc-error';

describe('connection test: changed host key', () => {
  it('reads the new key from the publishing side\'s coded refusal (as it crosses IPC)', () => {
    const pinned = new Map<string, { algorithm: string; fingerprint: string }>([['h:22', { algorithm: 'ssh-ed25519', fingerprint: 'SHA256:old' }]]);
    const store = { get: (h: string, p: number) => pinned.get(`${h}:${p}`) ?? null, accept: () => undefined };
    const verdict = checkHostKey(store, 'h', 22, { algorithm: 'ssh-ed25519', fingerprint: 'SHA256:AbC+/9new' });
    expect(verdict.ok).toBe(false);
    const e = toIpcError(verdict.ok ? null : verdict.error);
    expect(e.code).toBe('host-key-changed');
    expect(changedHostKeyOf({ code: e.code, params: e.params ?? {} })).toEqual({ algorithm: 'ssh-ed25519', fingerprint: 'SHA256:AbC+/9new' });
    expect(changedHostKeyOf({ code: 'connection-refused', params: { algorithm: 'x', fingerprint: 'y' } })).toBeNull();
  });
});
