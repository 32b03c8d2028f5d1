import { readFile, writeFile } from 'node:fs/promises';
import { CancelledError, UnusableInputError, type UnusableCode } from '../../../../shared/domain/errors';
import { UNUSABLE_CODES } from '../../../../shared/domain/message-codes';
import type { InspectResult, IpcError } from '../../../../shared/ipc/contract';
import { IpcFailure } from '../../../../shared/ipc/client';
import { GENERIC_ERROR } from '../../../../shared/ipc/ipc-error';
import { parseProfile, parseProfileText, serializeProfile } from '../../../../shared/profile/profile-parse';
import { headerFingerprint } from '../../../../shared/profile/propose';
import { profileUsage } from '../../../services/app/profile-usage';
import type { InspectPayload } from '../../../services/jobs/job-payloads';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';

type SourceChannels =
  | 'source:inspect' | 'inspect:start' | 'profile:list' | 'profile:get' | 'profile:save' | 'profile:delete' | 'profile:import' | 'profile:export'
  | 'profile:usage';

const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'profile';

/** A job's failure as the error the handler would have thrown itself. */
function asError(e: IpcError): Error {
  return (UNUSABLE_CODES as readonly string[]).includes(e.code)
    ? new UnusableInputError(e.code as UnusableCode, e.message, e.params ?? {})
    : new IpcFailure(e);
}

function startInspect(deps: HandlerDeps, req: InspectPayload): string {
  return deps.jobs.start('inspect', req, {
    finish: (raw) => {
      const r = raw as InspectResult;
      deps.db.recent.touch(req.path, r.info.fileName, r.info.size);
      return r;
    },
  });
}

export function sourceHandlers(deps: HandlerDeps): Pick<Handlers, SourceChannels> {
  return {
    // Reading a file runs as a job in a worker thread (progress, cancel, a window that never waits).
    'inspect:start': async (req) => ({ jobId: startInspect(deps, req) }),
    'source:inspect': async (req) => {
      const state = await deps.jobs.wait(startInspect(deps, req));
      if (state.state === 'done') return state.result as InspectResult;
      if (state.state === 'cancelled') throw new CancelledError();
      throw asError(state.error ?? GENERIC_ERROR);
    },
    'profile:list': async () => deps.db.profiles.list().map((p) => ({ id: p.id, name: p.name, updatedAt: p.updatedAt })),
    'profile:get': async ({ id }) => {
      const p = deps.db.profiles.get(id);
      if (!p) throw new UnusableInputError('profile-not-found', `Profile ${id} does not exist.`, { profile: String(id) });
      return { id: p.id, name: p.name, updatedAt: p.updatedAt, profile: parseProfileText(p.json) };
    },
    'profile:save': async ({ id, profile, headers }) => {
      const valid = parseProfile(profile);
      const json = serializeProfile(valid);
      const fingerprint = headers ? headerFingerprint(headers) : null;
      // A new profile (or one imported from a file) never replaces another saved under its name.
      if (id === undefined || !deps.db.profiles.get(id)) return { id: deps.db.profiles.create(valid.name, json, fingerprint) };
      deps.db.profiles.rename(id, valid.name);
      return { id: deps.db.profiles.save(valid.name, json, fingerprint) };
    },
    'profile:delete': async ({ id }) => deps.db.profiles.delete(id),
    'profile:import': async () => {
      const path = await deps.dialogs.openProfile();
      if (!path) return null;
      return { profile: parseProfileText(await readFile(path, 'utf8')), path };
    },
    'profile:export': async ({ profile }) => {
      const valid = parseProfile(profile);
      const path = await deps.dialogs.saveFile({ defaultName: `${safeName(valid.name)}.json`, kind: 'profile' });
      if (!path) return null;
      await writeFile(path, serializeProfile(valid), 'utf8');
      return { path };
    },
    'profile:usage': async ({ id }) => profileUsage(deps.db, id),
  };
}
