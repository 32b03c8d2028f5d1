import { UnusableInputError } from '../../../../shared/domain/errors';
import { SECRET_NAMES, type SecretName, type SyncResult } from '../../../../shared/ipc/types';
import { parseProfile } from '../../../../shared/profile/profile-parse';
import { SYNCFEED_PER_HOUR } from '../../../services/publish/rate-limit';
import type { PreviewPayload, SyncPayload } from '../../../services/jobs/job-payloads';
import { unpackProject } from '../../../services/delta/index';
import type { Handlers } from '../handle';
import type { HandlerDeps } from './deps';

type JobChannels = 'preview:start' | 'sync:start' | 'sync:quota' | 'job:cancel' | 'job:state' | 'preview:names';

/**
 * Secrets for one publishing job, read here because Electron's safeStorage only works in main.
 * They travel to the worker inside this process only.
 */
export async function secretSnapshot(deps: Pick<HandlerDeps, 'secrets'>): Promise<Partial<Record<SecretName, string>>> {
  const out: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const v = await deps.secrets.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}

export function jobHandlers(deps: HandlerDeps): Pick<Handlers, JobChannels> {
  return {
    'preview:start': async ({ sessionId, ...req }) => {
      const extraRows = sessionId ? deps.sessions.extraRows(sessionId) : [];
      const payload: PreviewPayload = { ...req, profile: parseProfile(req.profile), extraRows };
      return { jobId: deps.jobs.start('preview', payload) };
    },
    'sync:start': async ({ sessionId, ...req }) => {
      const extraRows = sessionId ? deps.sessions.extraRows(sessionId) : [];
      // Decided now, from the state the job is sent with: the parked rows this sync delivers.
      const delivers = sessionId ? await deps.sessions.deliverableParked(sessionId, req) : [];
      const payload: SyncPayload = {
        ...req, profile: parseProfile(req.profile), outDir: deps.feedsDir, secrets: await secretSnapshot(deps), extraRows,
      };
      return {
        jobId: deps.jobs.start('sync', payload, {
          // Only a confirmed delivery takes rows off the parked list; a failed or partial run keeps them.
          finish: (raw) => {
            if ((raw as SyncResult).status === 'delivered' && delivers.length > 0) {
              deps.db.parked.remove(delivers);
              deps.sessions.forgetParked(sessionId!, delivers);
            }
            return raw;
          },
        }),
      };
    },
    'sync:quota': async () => ({
      usedLastHour: deps.db.apiCalls.countSince('syncfeed', new Date(Date.now() - 3_600_000)),
      limit: SYNCFEED_PER_HOUR,
    }),
    'job:cancel': async ({ jobId }) => {
      if (!deps.jobs.cancel(jobId) && deps.jobs.state(jobId) === null) {
        throw new UnusableInputError('job-not-running', 'This job is not running.', { jobId });
      }
    },
    'job:state': async ({ jobId }) => deps.jobs.state(jobId),
    'preview:names': async ({ ids }) => {
      const out: Record<string, string> = {};
      for (const [id, packed] of deps.db.delivered.getValues(ids)) {
        const p = unpackProject(packed);
        const name = p.fields.Name || p.Business.fields.Name;
        if (name) out[id] = name;
      }
      return out;
    },
  };
}
