import type { JobProgress } from '../../../shared/domain/job';
import type { SourceOptions } from '../../../shared/domain/source';
import type { InspectResult } from '../../../shared/ipc/contract';
import { IpcFailure } from '../../../shared/ipc/client';
import { api } from '../api';

/** The user stopped reading the file; not an error to show. */
export class InspectCancelled extends Error {
  override readonly name = 'InspectCancelled';
}

export interface InspectJob {
  readonly result: Promise<InspectResult>;
  cancel(): Promise<void>;
}

/**
 * Reads a file as a job in main's worker (`inspect:start`): progress arrives as events, `cancel`
 * stops it. Events are kept until the job id is known, since they may come before the reply.
 */
export function startInspectJob(path: string, options: SourceOptions, onProgress: (p: JobProgress) => void): InspectJob {
  let jobId: string | null = null;
  let cancelled = false;
  const early: Array<() => void> = [];
  const offs: Array<() => void> = [];
  const result = new Promise<InspectResult>((resolve, reject) => {
    const mine = (id: string, run: () => void): void => {
      if (jobId === null) early.push(() => id === jobId && run());
      else if (id === jobId) run();
    };
    const a = api();
    offs.push(
      a.on('job:progress', (p) => mine(p.jobId, () => onProgress(p))),
      a.on('job:done', (d) => mine(d.jobId, () => resolve(d.result as InspectResult))),
      a.on('job:failed', (f) => mine(f.jobId, () => reject(new IpcFailure(f)))),
      a.on('job:cancelled', (c) => mine(c.jobId, () => reject(new InspectCancelled()))),
    );
    a.inspectStart({ path, options }).then(async (started) => {
      jobId = started.jobId;
      for (const e of early.splice(0)) e();
      if (cancelled) await a.jobCancel({ jobId });
      // Finished before this point: the events above already settled it, or ask once.
      const state = await a.jobState({ jobId });
      if (state?.state === 'done') resolve(state.result as InspectResult);
      else if (state?.state === 'failed' && state.error) reject(new IpcFailure(state.error));
      else if (state?.state === 'cancelled') reject(new InspectCancelled());
    }, reject);
  }).finally(() => offs.forEach((off) => off()));
  return {
    result,
    async cancel() {
      cancelled = true;
      if (jobId !== null) await api().jobCancel({ jobId });
    },
  };
}
