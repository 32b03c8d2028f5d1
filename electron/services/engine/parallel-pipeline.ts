/**
 * Runs the pipeline (read -> map -> validate -> assemble -> delta hash) on a worker thread and hands
 * the caller batches of valid projects, so a build uses both cores: one reads and checks rows while
 * the other classifies, writes the feed and records the run. Falls back to the same work in-process
 * when no worker entry can be found (or MINICRM_SINGLE_THREAD=1), so behaviour never depends on it.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CancelledError, UnusableInputError, type UnusableCode } from '../../../shared/domain/errors';
import type { FeedProject } from '../../../shared/domain/project';
import type { JobContext } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { prepareProject, type PreparedProject } from '../delta/index';
import { runPipeline, type PipelineOptions, type PipelineStats } from './pipeline';
import { WORKER_BATCH, type FromPipelineWorker, type PipelineWorkerInput, type ToPipelineWorker } from './pipeline-protocol';

export interface BatchSink {
  batch(projects: FeedProject[], prepared: PreparedProject[]): void | Promise<void>;
  reset(): void | Promise<void>;
}

interface WorkerEntry {
  file: string;
  bootstrap?: string;
}

// A variable, so the bundler does not try to inline the worker as an asset.
const BUNDLED = 'pipeline-worker.js';

function workerEntry(base: string = import.meta.url): WorkerEntry | null {
  if (base.endsWith('.js')) {
    // Bundled: this code may sit in out/main/ or in out/main/chunks/.
    for (const rel of [`./${BUNDLED}`, `../${BUNDLED}`]) {
      const f = fileURLToPath(new URL(rel, base));
      if (existsSync(f)) return { file: f };
    }
  }
  const ts = fileURLToPath(new URL('./pipeline-worker.ts', base));
  const bootstrap = fileURLToPath(new URL('../jobs/ts-worker-bootstrap.mjs', base));
  return existsSync(ts) && existsSync(bootstrap) ? { file: ts, bootstrap } : null;
}

/**
 * Below this size a thread's start-up costs more than it saves. MINICRM_PARALLEL_MIN_BYTES
 * overrides it (0 = always use the worker; tests use that to cover the worker path).
 */
const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

export async function runPipelineSplit(
  path: string,
  profile: ProfileV1,
  options: PipelineOptions,
  ctx: JobContext,
  sink: BatchSink,
  env: Record<string, string | undefined> = process.env,
): Promise<PipelineStats> {
  const minBytes = Number(env.MINICRM_PARALLEL_MIN_BYTES ?? PARALLEL_MIN_BYTES);
  const size = await stat(path).then((s) => s.size, () => 0);
  const entry = env.MINICRM_SINGLE_THREAD === '1' || size < minBytes ? null : workerEntry();
  return entry ? inWorker(entry, { path, profile, options }, ctx, sink) : inProcess(path, profile, options, ctx, sink);
}

async function inProcess(path: string, profile: ProfileV1, options: PipelineOptions, ctx: JobContext, sink: BatchSink): Promise<PipelineStats> {
  let projects: FeedProject[] = [];
  const flush = async (): Promise<void> => {
    if (projects.length === 0) return;
    const batch = projects;
    projects = [];
    await sink.batch(batch, batch.map(prepareProject));
  };
  const stats = await runPipeline(path, profile, options, ctx, {
    accept: (p) => {
      if (p.rejected) return;
      projects.push(p.project);
      if (projects.length >= WORKER_BATCH) return flush();
    },
    reset: async () => {
      projects = [];
      await sink.reset();
    },
  });
  await flush();
  return stats;
}

function inWorker(entry: WorkerEntry, input: PipelineWorkerInput, ctx: JobContext, sink: BatchSink): Promise<PipelineStats> {
  return new Promise<PipelineStats>((resolve, reject) => {
    const worker = entry.bootstrap
      ? new Worker(entry.bootstrap, { workerData: { input, __entry: pathToFileURL(entry.file).href } })
      : new Worker(entry.file, { workerData: { input } });
    let settled = false;
    // Batches are handled strictly in order; `done` waits for the ones before it.
    let chain: Promise<void> = Promise.resolve();
    const post = (m: ToPipelineWorker): void => worker.postMessage(m);
    const onAbort = (): void => post({ t: 'cancel' });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const finish = (err: unknown, stats?: PipelineStats): void => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (err) reject(err);
      else resolve(stats!);
    };
    worker.on('message', (m: FromPipelineWorker) => {
      switch (m.t) {
        case 'progress':
          ctx.progress(m.stage, m.done, m.total, m.unit);
          return;
        case 'batch':
          chain = chain.then(async () => {
            if (settled) return;
            await sink.batch(JSON.parse(m.json) as FeedProject[], m.prepared);
            post({ t: 'ack' });
          });
          break;
        case 'reset':
          chain = chain.then(() => sink.reset());
          break;
        case 'done':
          chain = chain.then(() => finish(null, m.stats));
          break;
        case 'error':
          chain = chain.then(() => finish(toError(m)));
          break;
      }
      chain = chain.catch((e: unknown) => {
        // The writing side failed (disk full, database): stop reading too.
        post({ t: 'cancel' });
        finish(e);
      });
    });
    worker.on('error', (e) => finish(e));
    worker.on('exit', (code) => {
      if (!settled) void chain.then(() => finish(new Error(`The reading thread stopped unexpectedly (exit code ${code}).`)));
    });
  });
}

function toError(m: Extract<FromPipelineWorker, { t: 'error' }>): Error {
  if (m.kind === 'cancelled') return new CancelledError();
  if (m.kind === 'unusable') return new UnusableInputError(m.code as UnusableCode, m.message, m.params ?? {});
  return new Error(m.message);
}
