/**
 * The pipeline for build and diff: valid projects in batches with their delta form (id, hash,
 * packed string), so the delta can look up a batch at once and the feed decodes nothing twice.
 *
 * Large files run on two threads: a worker reads, checks, assembles, packs and hashes (the work
 * every project needs), and this thread classifies, writes the feed and stages the run. Only the
 * packed strings cross between them (see pipeline-protocol.ts). A first two-thread version handed
 * whole project objects across and measured no faster than one thread (cloning the objects cost what
 * the second core saved); with packed strings the reading side no longer waits for the writing side.
 * Small files stay on one thread: starting a thread costs more than it saves there.
 */
import { stat } from 'node:fs/promises';
import type { ResourceLimits } from 'node:worker_threads';
import { CancelledError, UnusableInputError, type UnusableCode } from '../../../shared/domain/errors';
import type { FeedProject } from '../../../shared/domain/project';
import type { JobContext } from '../../../shared/domain/job';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import { hashValues, prepareProject, unpackProject, type PreparedProject } from '../delta/index';
import { runPipeline, type PipelineOptions, type PipelineStats } from './pipeline';
import { startWorker, workerEntryFor, type WorkerEntry } from '../jobs/worker-entry';
import { BATCH, type FromPipelineWorker, type PipelineWorkerInput, type ToPipelineWorker } from './pipeline-protocol';

export interface BatchSink {
  /** `project(i)` gives the i-th project of the batch; `prepared[i]` its delta form. */
  batch(prepared: PreparedProject[], project: (i: number) => FeedProject): void | Promise<void>;
  /** A second pass starts (non-adjacent duplicate Ids): forget what was received. */
  reset(): void | Promise<void>;
}

/**
 * Below this size a thread's start-up costs more than it saves. MINICRM_PARALLEL_MIN_BYTES
 * overrides it (0 = always use the worker; tests use that to cover the worker path) and
 * MINICRM_SINGLE_THREAD=1 turns the worker off.
 */
const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

export interface PreparedOptions extends PipelineOptions {
  /** Every valid project will be written (a full build): the writing thread is the busier one. */
  writesAll?: boolean;
}

/**
 * The reading thread's young generation (MB). It allocates a short-lived object graph per cell,
 * row and project; a larger young generation lets them die there instead of being promoted, which
 * made a million-row re-run about 15% faster (npm run bench). When every project is written the
 * writing thread sets the pace, so the reader keeps the default and the memory stays with the writer.
 */
const READER_YOUNG_MB = 96;

export async function runPreparedPipeline(
  path: string,
  profile: ProfileV1,
  options: PreparedOptions,
  ctx: JobContext,
  sink: BatchSink,
): Promise<PipelineStats> {
  const env = process.env;
  const minBytes = Number(env.MINICRM_PARALLEL_MIN_BYTES ?? PARALLEL_MIN_BYTES);
  const size = await stat(path).then((s) => s.size, () => 0);
  const entry = env.MINICRM_SINGLE_THREAD === '1' || size < minBytes ? null : pipelineWorkerEntry();
  const { writesAll, ...pipeline } = options;
  return entry
    ? inWorker(entry, { path, profile, options: pipeline, hash: writesAll === true }, ctx, sink, writesAll ? {} : { maxYoungGenerationSizeMb: READER_YOUNG_MB })
    : inProcess(path, profile, pipeline, ctx, sink);
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

/**
 * The packed form keeps custom fields in name order (for the hash); the feed writes them in the
 * profile's order, as the one-thread path does.
 */
function customOrder(profile: ProfileV1): (p: FeedProject) => FeedProject {
  const rank = new Map(Object.keys(profile.custom ?? {}).map((name, i) => [name, i]));
  const at = (name: string): number => rank.get(name) ?? rank.size;
  return (p) => {
    if (p.custom.length > 1) p.custom.sort((a, b) => at(a[0]) - at(b[0]));
    return p;
  };
}

function inWorker(
  entry: WorkerEntry, input: PipelineWorkerInput, ctx: JobContext, sink: BatchSink, resourceLimits: ResourceLimits,
): Promise<PipelineStats> {
  const ordered = customOrder(input.profile);
  return new Promise<PipelineStats>((resolve, reject) => {
    const worker = startWorker(entry, { input }, resourceLimits);
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
            const { hashes, packed } = m;
            const prepared: PreparedProject[] = m.ids.map((id, i) => ({ id, hash: hashes ? hashes[i]! : hashValues(packed[i]!), packed: packed[i]! }));
            await sink.batch(prepared, (i) => ordered(unpackProject(m.packed[i]!)));
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
