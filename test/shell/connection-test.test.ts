import { describe, expect, it } from 'vitest';
import { changedHostKeyFrom } from '../../electron/services/app/connection-test';
import { checkHostKey } from '../../electron/services/publish/host-key';

describe('connection test: changed host key', () => {
  it('reads the new key from the publishing side\'s refusal message', () => {
    const pinned = new Map<string, { algorithm: string; fingerprint: string }>([['h:22', { algorithm: 'ssh-ed25519', fingerprint: 'SHA256:old' }]]);
    const store = { get: (h: string, p: number) => pinned.get(`${h}:${p}`) ?? null, accept: () => undefined };
    const verdict = checkHostKey(store, 'h', 22, { algorithm: 'ssh-ed25519', fingerprint: 'SHA256:AbC+/9new' });
    expect(verdict.ok).toBe(false);
    const message = verdict.ok ? '' : verdict.error.message;
    expect(changedHostKeyFrom(message)).toEqual({ algorithm: 'ssh-ed25519', fingerprint: 'SHA256:AbC+/9new' });
    expect(changedHostKeyFrom('Connection refused by h:22')).toBeNull();
  });
});
