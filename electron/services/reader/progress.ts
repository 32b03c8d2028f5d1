import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext, JobProgress } from '../../../shared/domain/job';

/** Progress at most ten times a second: the UI and CLI cannot show more, and IPC is not free. */
export function throttledProgress(ctx: JobContext, total: number | null, unit: JobProgress['unit']): (done: number, force?: boolean) => void {
  let last = 0;
  return (done, force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    ctx.progress('reading', done, total, unit);
  };
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}
