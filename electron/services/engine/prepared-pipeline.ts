/**
 * The pipeline for build and diff: valid projects in batches with their delta form (id, hash,
 * packed string), so the delta can look up a batch at once and the feed decodes nothing twice.
 *
 * Large files run on more threads: a worker reads, checks, assembles, packs and hashes (the work
 * every project needs), and this thread classifies, writes the feed and stages the run. Only Ids,
 * hashes and one buffer of packed values per batch cross between them (see pipeline-protocol.ts;
 * the buffer moves without a copy); in a full build the worker also turns every project into feed
 * XML bytes.
 * A first two-thread version handed whole project objects across and measured no faster than one
 * thread (cloning the objects cost what the second core saved). Large CSVs are read by two such
 * workers, one per half (split-pipeline.ts): the reading side set the pace. Small files stay on
 * one thread: starting a thread costs more than it saves there.
 */
import { stat } from 'node:fs/promises';
import type { ResourceLimits } from 'node:worker_threads';
import { CancelledError, UnusableInputError, type UnusableCode } from '../../../shared/domain/errors';
import type { FeedProject } from '../../../shared/domain/project';
import type { JobContext } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { prepareProject } from '../delta/index';
import { customOrder, deliverBatch, recycleTo, type BatchSink } from './batch-delivery';
import { runSplitPipeline } from './split-pipeline';
import { nullSink, runPipeline, type PipelineOptions, type PipelineStats } from './pipeline';
import { startWorker, workerEntryFor, type WorkerEntry } from '../jobs/worker-entry';
import { BATCH, type FromPipelineWorker, type PipelineWorkerInput, type ToPipelineWorker } from './pipeline-protocol';

/**
 * Below this size a thread's start-up costs more than it saves; from twice this size a CSV is read
 * by two reading threads, one per half (split-pipeline.ts). MINICRM_PARALLEL_MIN_BYTES overrides
 * it (0 = always use the workers; tests use that to cover those paths), MINICRM_NO_SPLIT=1 keeps
 * one reading thread and MINICRM_SINGLE_THREAD=1 turns the workers off.
 */
const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

export interface PreparedOptions extends PipelineOptions {
  /** Every valid project will be written (a full build): the writing thread is the busier one. */
  writesAll?: boolean;
}

/**
 * The reading thread's young generation (MB). It allocates a short-lived object graph per cell,
 * row and project; a larger young generation lets them die there instead of being promoted, which
 * made a million-row re-run about 15% faster (npm run bench). In a full build 48 or 64 MB measured
 * within noise at some 70 MB more memory per thread, so it keeps the default there.
 */
const READER_YOUNG_MB = 96;

/**
 * Each of the two reading threads of a split read (split-pipeline.ts) keeps little alive (its Id
 * table lives outside the heap, issues are capped), but without a cap V8 let garbage pile up: with
 * 256 KB read chunks three threads took 650-700 MB, capped 450-490 MB at about the same speed
 * (npm run bench). A thread that would need more fails, and the file is read in one piece.
 */
const SPLIT_OLD_MB = 256;

/** Which reading threads a file gets: none (too small, or turned off), one, or two (`split`). */
async function readingThreads(path: string): Promise<{ entry: WorkerEntry | null; split: boolean }> {
  const env = process.env;
  const minBytes = Number(env.MINICRM_PARALLEL_MIN_BYTES ?? PARALLEL_MIN_BYTES);
  const size = await stat(path).then((s) => s.size, () => 0);
  const entry = env.MINICRM_SINGLE_THREAD === '1' || size < minBytes ? null : pipelineWorkerEntry();
  return { entry, split: entry !== null && env.MINICRM_NO_SPLIT !== '1' && size >= minBytes * 2 };
}

export async function runPreparedPipeline(
  path: string,
  profile: ProfileV1,
  options: PreparedOptions,
  ctx: JobContext,
  sink: BatchSink,
): Promise<PipelineStats> {
  const { entry, split } = await readingThreads(path);
  const { writesAll, ...pipeline } = options;
  if (!entry) return inProcess(path, profile, pipeline, ctx, sink);
  const input = { path, profile, options: pipeline, xml: writesAll === true };
  const limits: ResourceLimits = writesAll ? {} : { maxYoungGenerationSizeMb: READER_YOUNG_MB };
  if (split) {
    const stats = await runSplitPipeline(entry, input, ctx, sink, { ...limits, maxOldGenerationSizeMb: SPLIT_OLD_MB });
    if (stats) return stats;
  }
  return inWorker(entry, input, ctx, sink, limits);
}

/** Batches never come when the reading threads only check (`discard`). */
const NO_BATCHES: BatchSink = { batch: () => undefined, reset: () => undefined };

/**
 * Checking a file (validation: the Check screen, `validate`): a CSV from twice PARALLEL_MIN_BYTES is
 * read by two reading threads that only check their half (split-pipeline.ts); anything else, or a
 * file that cannot be read in halves, in one piece on this thread, as before.
 */
export async function runCheckPipeline(path: string, profile: ProfileV1, options: PipelineOptions, ctx: JobContext): Promise<PipelineStats> {
  const { entry, split } = await readingThreads(path);
  if (entry && split) {
    // Kept rows (the Check screen's first rows) are what one read would hold, in the first half:
    // no cap then, or the thread would fail and the file be read again in one piece.
    const limits: ResourceLimits = (options.keepRows ?? 0) > 0 ? {} : { maxOldGenerationSizeMb: SPLIT_OLD_MB };
    const stats = await runSplitPipeline(entry, { path, profile, options, discard: true }, ctx, NO_BATCHES, limits);
    if (stats) return stats;
  }
  return runPipeline(path, profile, options, ctx, nullSink);
}

async function inProcess(path: string, profile: ProfileV1, options: PipelineOptions, ctx: JobContext, sink: BatchSink): Promise<PipelineStats> {
  let projects: FeedProject[] = [];
  const flush = (): void | Promise<void> => {
    if (projects.length === 0) return;
    const batch = projects;
    projects = [];
    return sink.batch(batch.map(prepareProject), (i) => batch[i]!);
  };
  const stats = await runPipeline(path, profile, options, ctx, {
    accept: (p) => {
      if (p.rejected) return;
      projects.push(p.project);
      if (projects.length >= BATCH) return flush();
    },
    reset: async () => {
      projects = [];
      await sink.reset();
    },
  });
  await flush();
  return stats;
}

/** out/main/pipeline-worker.js for built code (null if missing: one thread then); the source through tsx. */
export function pipelineWorkerEntry(base: string = import.meta.url): WorkerEntry | null {
  return workerEntryFor(base, 'pipeline-worker', '../jobs/ts-worker-bootstrap.mjs');
}

function inWorker(
  entry: WorkerEntry, input: PipelineWorkerInput, ctx: JobContext, sink: BatchSink, resourceLimits: ResourceLimits,
): Promise<PipelineStats> {
  const ordered = customOrder(input.profile);
  return new Promise<PipelineStats>((resolve, reject) => {
    const worker = startWorker(entry, { input }, resourceLimits);
    const recycle = recycleTo(worker);
    let settled = false;
    // Messages are handled strictly in order; `done` waits for the batches before it.
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
    const then = (step: () => void | Promise<void>): void => {
      chain = chain.then(step).catch((e: unknown) => {
        // The writing side failed (disk full, database): stop reading too.
        post({ t: 'cancel' });
        finish(e);
      });
    };
    worker.on('message', (m: FromPipelineWorker) => {
      switch (m.t) {
        case 'progress':
          ctx.progress(m.stage, m.done, m.total, m.unit);
          return;
        case 'batch':
          return then(async () => {
            if (settled) return;
            await deliverBatch(sink, m, ordered, recycle);
            post({ t: 'ack' });
          });
        case 'reset':
          return then(() => sink.reset());
        case 'done':
          return then(() => finish(null, m.stats));
        case 'error':
          return then(() => finish(toError(m)));
      }
    });
    worker.on('error', (e) => finish(e));
    worker.on('exit', (code) => {
      if (!settled) then(() => finish(new Error(`The reading thread stopped unexpectedly (exit code ${code}).`)));
    });
  });
}

function toError(m: Extract<FromPipelineWorker, { t: 'error' }>): Error {
  if (m.kind === 'cancelled') return new CancelledError();
  if (m.kind === 'unusable') return new UnusableInputError(m.code as UnusableCode, m.message, m.params ?? {});
  return new Error(m.message);
}
