import { useCallback, useEffect, useRef, useState } from 'react';
import { isMessageCode } from '../../../shared/domain/message-codes';
import type { JobProgress } from '../../../shared/domain/job';
import type { IpcError, JobKind, JobResults } from '../../../shared/ipc/contract';
import { api } from '../api';

export type JobPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView<R> {
  phase: JobPhase;
  jobId: string | null;
  /** Latest progress per stage, so finished stages stay visible. */
  stages: Partial<Record<JobProgress['stage'], JobProgress & { startedAt: number; at: number }>>;
  result: R | null;
  error: IpcError | null;
}

const idle = { phase: 'idle', jobId: null, stages: {}, result: null, error: null } as const;

/**
 * Runs one long job in main and follows its push events (progress, done, failed, cancelled).
 * `start` returns the JobStarted promise from the matching `*:start` channel.
 */
export function useJob<K extends JobKind>(_kind: K) {
  type R = JobResults[K];
  const [view, setView] = useState<JobView<R>>(idle);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    const a = api();
    const offs = [
      a.on('job:progress', (p) => {
        if (p.jobId !== jobRef.current) return;
        setView((v) => {
          const prev = v.stages[p.stage];
          const now = Date.now();
          return { ...v, stages: { ...v.stages, [p.stage]: { ...p, startedAt: prev?.startedAt ?? now, at: now } } };
        });
      }),
      a.on('job:done', (d) => {
        if (d.jobId !== jobRef.current) return;
        setView((v): JobView<R> => ({ ...v, phase: 'done', result: d.result as R }));
      }),
      a.on('job:failed', (f) => {
        if (f.jobId !== jobRef.current) return;
        setView((v) => ({ ...v, phase: 'failed', error: { code: f.code, message: f.message, params: f.params } }));
      }),
      a.on('job:cancelled', (c) => {
        if (c.jobId !== jobRef.current) return;
        setView((v) => ({ ...v, phase: 'cancelled' }));
      }),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  /** Follows a job that is already running in main (the user left its screen and came back). */
  const attach = useCallback(async (jobId: string): Promise<void> => {
    jobRef.current = jobId;
    setView({ ...idle, phase: 'running', jobId });
    // Events may have fired before we listened (or while the screen was away): ask main once.
    const state = await api().jobState({ jobId }).catch(() => null);
    setView((v) => {
      if (v.phase !== 'running' || jobRef.current !== jobId) return v;
      if (!state) return { ...v, phase: 'failed', error: { code: 'job-not-running', message: 'This task is not running any more.' } };
      const stages = state.progress && !v.stages[state.progress.stage]
        ? { ...v.stages, [state.progress.stage]: { ...state.progress, startedAt: Date.now(), at: Date.now() } }
        : v.stages;
      if (state.state === 'done') return { ...v, stages, phase: 'done', result: (state.result ?? null) as R | null };
      if (state.state === 'failed') return { ...v, stages, phase: 'failed', error: state.error ?? null };
      if (state.state === 'cancelled') return { ...v, stages, phase: 'cancelled' };
      return { ...v, stages };
    });
  }, []);

  /** Starts a job; resolves to its id (null when main refused to start it: the view shows why). */
  const start = useCallback(async (begin: () => Promise<{ jobId: string }>): Promise<string | null> => {
    setView({ ...idle, phase: 'running' });
    try {
      const { jobId } = await begin();
      await attach(jobId);
      return jobId;
    } catch (err) {
      const e = err as { code?: string; message?: string; params?: Record<string, string | number> };
      // Main sends only known codes; anything else (a bug in the renderer) shows as an internal error.
      const code = isMessageCode(e.code) ? e.code : 'internal-error';
      setView({ ...idle, phase: 'failed', error: { code, message: e.message ?? String(err), params: e.params } });
      return null;
    }
  }, [attach]);

  const cancel = useCallback(async () => {
    if (jobRef.current) await api().jobCancel({ jobId: jobRef.current });
  }, []);

  const reset = useCallback(() => {
    jobRef.current = null;
    setView(idle);
  }, []);

  return { ...view, start, attach, cancel, reset };
}
