/**
 * The worker-thread side of a job: reads its input from workerData, runs the named task with a
 * JobContext whose signal aborts on a `cancel` message, and posts throttled progress and exactly
 * one final message (done / failed / cancelled).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { toIpcError } from '../../../shared/ipc/ipc-error';
import { progressThrottle, type FromWorker, type JobEnv, type ToWorker, type WorkerInput } from './job-protocol';
import { logError } from '../log';

export type Task = (payload: unknown, ctx: JobContext, env: JobEnv) => Promise<unknown>;
export type TaskMap = Record<string, Task>;

export async function serveJob(tasks: TaskMap): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveJob must run inside a worker thread');
  const input = workerData as WorkerInput;
  const post = (m: FromWorker) => port.postMessage(m);
  const controller = new AbortController();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') controller.abort();
  });
  const shouldSend = progressThrottle(input.progressIntervalMs);
  const ctx: JobContext = {
    signal: controller.signal,
    progress(stage, done, total, unit) {
      const p = { stage, done, total, unit };
      if (shouldSend(p)) post({ type: 'progress', progress: p });
    },
  };
  try {
    const task = tasks[input.task];
    if (!task) throw new Error(`Unknown job task ${input.task}`);
    const result = await task(input.payload, ctx, input.env);
    if (controller.signal.aborted) post({ type: 'cancelled' });
    else post({ type: 'done', result });
  } catch (err) {
    if (err instanceof CancelledError || controller.signal.aborted) post({ type: 'cancelled' });
    else {
      // The full error stays in this process's stderr for diagnosis; the UI gets the plain form.
      if (toIpcError(err).code === 'internal-error') logError(err);
      post({ type: 'failed', error: toIpcError(err) });
    }
  } finally {
    port.close();
  }
}
