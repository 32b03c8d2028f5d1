/**
 * Runs each heavy job (validate, preview, build + upload + SyncFeed) in its own worker thread so
 * the window stays responsive. Progress is forwarded as events with the job id; cancel asks the
 * worker to abort (its JobContext signal -> CancelledError) and terminates it after a grace period
 * if it does not stop by itself.
 */
import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../../shared/domain/job';
import type { IpcError, JobState } from '../../../shared/ipc/contract';
import type { JobKind } from '../../../shared/ipc/types';
import { GENERIC_ERROR, toIpcError } from '../../../shared/ipc/ipc-error';
import type { FromWorker, JobEnv, ToWorker, WorkerInput } from './job-protocol';
import { startWorker, workerEntryFor, type WorkerEntry } from './worker-entry';
import { logError } from '../log';

export type { WorkerEntry };

/** out/main/job-worker.js beside the built main bundle; job-worker.ts through tsx from source. */
export function defaultWorkerEntry(baseUrl: string = import.meta.url): WorkerEntry {
  const entry = workerEntryFor(baseUrl, 'job-worker', './ts-worker-bootstrap.mjs');
  if (!entry) throw new Error('The app is incomplete: job-worker.js is missing beside its main bundle.');
  return entry;
}

export type JobEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; jobId: string; kind: JobKind; result: unknown }
  | { type: 'failed'; jobId: string; kind: JobKind; error: IpcError }
  | { type: 'cancelled'; jobId: string; kind: JobKind };

export interface JobRunnerOptions {
  env: JobEnv;
  entry?: WorkerEntry;
  /** Time a cancelled worker gets to stop by itself before it is terminated. */
  graceMs?: number;
  progressIntervalMs?: number;
  /** Finished jobs remembered for `state()` (a renderer that reloads can still ask). */
  keepFinished?: number;
}

export interface StartOptions {
  /** Turns the worker's raw result into what `job:done` carries (e.g. keeps a validation session in main). */
  finish?: (raw: unknown) => unknown;
  /** Task name in the worker; defaults to the kind. */
  task?: string;
}

interface RunningJob {
  state: JobState;
  worker: Worker | null;
  settled: Promise<JobState>;
  resolve: (s: JobState) => void;
  killTimer: NodeJS.Timeout | null;
  /** The worker's last message arrived (its `finish` may still be at work when the thread exits). */
  final: boolean;
}

export class JobRunner {
  private readonly jobs = new Map<string, RunningJob>();
  private readonly listeners = new Set<(e: JobEvent) => void>();
  private readonly entry: WorkerEntry;

  constructor(private readonly opts: JobRunnerOptions) {
    this.entry = opts.entry ?? defaultWorkerEntry();
  }

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(kind: JobKind, payload: unknown, options: StartOptions = {}): string {
    const jobId = randomUUID();
    const input: WorkerInput = {
      jobId,
      task: options.task ?? kind,
      payload,
      env: this.opts.env,
      progressIntervalMs: this.opts.progressIntervalMs ?? 100,
    };
    const worker = startWorker(this.entry, input);
    let resolve!: (s: JobState) => void;
    const settled = new Promise<JobState>((r) => (resolve = r));
    const job: RunningJob = { state: { jobId, kind, state: 'running', progress: null }, worker, settled, resolve, killTimer: null, final: false };
    this.jobs.set(jobId, job);

    worker.on('message', (m: FromWorker) => void this.onMessage(job, m, options));
    worker.on('error', (err) => {
      logError(`job ${jobId} crashed`, err);
      this.settle(job, { state: 'failed', error: GENERIC_ERROR });
    });
    worker.on('exit', () => {
      job.worker = null;
      if (job.state.state !== 'running' || job.final) return;
      // Terminated after a cancel, or died without a final message.
      if (job.killTimer) this.settle(job, { state: 'cancelled' });
      else this.settle(job, { state: 'failed', error: { code: 'job-crashed', message: 'The job stopped unexpectedly.' } });
    });
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.state.state !== 'running' || !job.worker) return false;
    if (job.killTimer) return true;
    job.worker.postMessage({ type: 'cancel' } satisfies ToWorker);
    const worker = job.worker;
    job.killTimer = setTimeout(() => void worker.terminate(), this.opts.graceMs ?? 5000);
    job.killTimer.unref();
    return true;
  }

  state(jobId: string): JobState | null {
    return this.jobs.get(jobId)?.state ?? null;
  }

  /** Resolves when the job has finished (in any way). */
  wait(jobId: string): Promise<JobState> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`Unknown job ${jobId}`));
    return job.settled;
  }

  /** Stops every running job (app quit). */
  async shutdown(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.worker);
    await Promise.all(running.map((j) => j.worker?.terminate()));
  }

  private async onMessage(job: RunningJob, m: FromWorker, options: StartOptions): Promise<void> {
    if (job.state.state !== 'running') return;
    if (m.type === 'progress') {
      const progress: JobProgress = { jobId: job.state.jobId, ...m.progress };
      job.state = { ...job.state, progress };
      this.emit({ type: 'progress', progress });
    } else if (m.type === 'done') {
      job.final = true;
      try {
        const result = options.finish ? await options.finish(m.result) : m.result;
        this.settle(job, { state: 'done', result: result as JobState['result'] });
      } catch (err) {
        this.settle(job, { state: 'failed', error: toIpcError(err) });
      }
    } else if (m.type === 'failed') {
      this.settle(job, { state: 'failed', error: m.error });
    } else {
      this.settle(job, { state: 'cancelled' });
    }
  }

  private settle(job: RunningJob, patch: Pick<JobState, 'state' | 'result' | 'error'>): void {
    if (job.state.state !== 'running') return;
    if (job.killTimer) clearTimeout(job.killTimer);
    job.state = { ...job.state, ...patch };
    const { jobId, kind } = job.state;
    if (patch.state === 'done') this.emit({ type: 'done', jobId, kind, result: patch.result });
    else if (patch.state === 'failed') this.emit({ type: 'failed', jobId, kind, error: patch.error ?? GENERIC_ERROR });
    else this.emit({ type: 'cancelled', jobId, kind });
    job.resolve(job.state);
    this.forgetOld();
  }

  private forgetOld(): void {
    const keep = this.opts.keepFinished ?? 50;
    const finished = [...this.jobs.entries()].filter(([, j]) => j.state.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(id);
  }

  private emit(e: JobEvent): void {
    for (const l of this.listeners) l(e);
  }
}
