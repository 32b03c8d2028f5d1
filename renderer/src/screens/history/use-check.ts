import { useCallback, useEffect, useRef, useState } from 'react';
import type { VerificationDetail } from '../../../../shared/domain/verification';
import { api } from '../../api';
import { useJob } from '../../app/use-job';

export type LatestCheck = VerificationDetail & { jobId: string | null };

/**
 * A run's newest check in MiniCRM, followed while it runs: its job's progress (also a check main
 * started by itself after the sync) reloads it; a check run elsewhere (the command line) is polled.
 */
export function useCheck(runId: number | null) {
  const job = useJob('verify');
  const { start } = job;
  const [check, setCheck] = useState<LatestCheck | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const attached = useRef<string | null>(null);

  const load = useCallback(() => {
    if (runId === null) return Promise.resolve();
    return api().verifyLatest({ runId }).then((c) => {
      setCheck(c);
      setError(null);
      if (c?.jobId && attached.current !== c.jobId) {
        attached.current = c.jobId;
        void start(async () => ({ jobId: c.jobId! }));
      }
    }, setError);
  }, [runId, start]);

  useEffect(() => { void load(); }, [load]);
  const progress = JSON.stringify(job.stages);
  useEffect(() => {
    if (job.phase !== 'idle') void load();
  }, [job.phase, progress, load]);
  const elsewhere = check?.state === 'running' && (check.jobId === null || job.phase !== 'running');
  useEffect(() => {
    if (!elsewhere) return;
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [elsewhere, load]);

  const begin = useCallback(async (o: { sampleSize?: number; picks?: string[] }) => {
    if (runId === null) return;
    try {
      const { jobId } = await api().verifyStart({ runId, ...o });
      attached.current = jobId;
      await start(async () => ({ jobId }));
      await load();
    } catch (err) {
      setError(err);
    }
  }, [runId, start, load]);

  return { check, error, job, start: begin, stop: job.cancel, reload: load };
}
