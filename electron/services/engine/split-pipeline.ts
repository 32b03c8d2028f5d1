/**
 * A large CSV for build, diff or a check is read by two reading threads at once, one per half of
 * the file, while this thread classifies, writes and stages (a check only merges the counts). One reading thread set the pace before (a re-run
 * left the writing side idle half the time); two halve that.
 *
 * The halves meet where one Project ends (chosen from the records around the middle), and every
 * assumption is proven before the result counts: the first half ended exactly on a record boundary
 * after the number of records the second half's row numbers started from, no Id has rows in both
 * halves (their Id tables are compared), neither half found an Id with rows apart or had to change
 * its decoding. When any of that fails, or a half cannot be read on its own, whatever was handed
 * on is reset and the file is read in one piece (prepared-pipeline.ts): slower, never different.
 *
 * The feed takes the halves' batches alternately (first half's batch 1, second half's batch 1, …),
 * so the same file always gives the same feed bytes.
 *
 * Validation keeps the first `keepRows` rows for the Check screen: the first half keeps its own, the
 * second half as many as the first half may fall short by (its data rows, estimated from the row
 * numbers, can only be fewer through blank or excluded rows; some slack covers those). Should the
 * second half still have kept too few, the file is read in one piece.
 */
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { CellValue, SourceRow } from '../../../shared/domain/cell';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { openSource } from '../reader/index';
import type { CsvSplitter } from '../reader/csv-range';
import { shapeCells } from '../reader/header';
import { startWorker, type WorkerEntry } from '../jobs/worker-entry';
import type { CompiledMapping } from '../../../shared/mapping/compile-mapping';
import { customOrder, deliverBatch, recycleTo, type BatchSink } from './batch-delivery';
import { sharesAny } from './id-set';
import { compileFor, type PipelineStats } from './pipeline';
import type { FromPipelineWorker, PipelineWorkerInput, ToPipelineWorker } from './pipeline-protocol';
import { sourceOptionsFor } from './source-options';

/** Records looked at around the middle for a place where one Project ends. */
const CANDIDATES = 500;
/** Rows the second half keeps beyond the estimate (blank or excluded rows in the first half). */
const KEEP_SLACK = 1000;

type Batch = Extract<FromPipelineWorker, { t: 'batch' }>;
type Done = Extract<FromPipelineWorker, { t: 'done' }>;

interface Lane {
  worker: Worker;
  queue: Batch[];
  done: Done | null;
  /** Progress `done` per stage, summed over both lanes for the caller. */
  progress: Map<string, number>;
}

/** The stats of both halves, or null when the file has to be read in one piece. */
export async function runSplitPipeline(
  entry: WorkerEntry,
  input: Omit<PipelineWorkerInput, 'range'>,
  ctx: JobContext,
  sink: BatchSink,
  resourceLimits: ResourceLimits,
): Promise<PipelineStats | null> {
  const { path, profile, options } = input;
  const handle = await openSource(path, sourceOptionsFor(profile, options));
  if (!handle.splitter) return null;
  // Both threads start now, before the meeting point is known: loading their code takes about as
  // long as finding it (~0.2 s each), so they wait for their half's input instead (`start`).
  const workers = [0, 1].map(() => startWorker(entry, { deferred: true }, resourceLimits));
  const early = workers.map(watchEarly);
  let started = false;
  try {
    const size = handle.info.size;
    const at = await meetingPoint(handle.splitter, compileFor(handle, profile, options), handle.info.headers.length, Math.floor(size / 2));
    if (at === null) return null;
    const firstRow = await handle.splitter.rowsBefore(at);
    if (firstRow <= handle.info.headerRow) return null;

    const keepRows = options.keepRows ?? 0;
    const keepSecond = keepRows > 0 ? Math.max(0, keepRows - (firstRow - handle.info.headerRow)) + KEEP_SLACK : 0;
    const halves: PipelineWorkerInput[] = [
      { ...input, options: { ...options, extraRows: [] }, range: { start: 0, end: at, firstRow: 0 } },
      // Restored rows come after the file's own rows, i.e. after the second half.
      { ...input, options: { ...options, keepRows: keepSecond }, range: { start: at, end: size, firstRow } },
    ];
    const ordered = customOrder(profile);
    let delivered = false;
    started = true;
    const recycle = workers.map(recycleTo);
    const outcome = await coordinate(workers, early, halves, ctx, async (m, lane) => {
      delivered = true;
      await deliverBatch(sink, m, ordered, recycle[lane]);
    }, size);
    if (outcome) {
      const [a, b] = outcome;
      const kept = keptOf(a.stats, b.stats, keepRows, keepSecond);
      if (a.range!.lastRow === firstRow && !sharesAny(a.range!.seen, b.range!.seen) && kept) return merge(a.stats, b.stats, kept, options.maxIssues);
    }
    if (delivered) await sink.reset();
    return null;
  } finally {
    // coordinate() stops them itself; before it runs, nobody else would.
    if (!started) for (const w of workers) void w.terminate();
  }
}

/** A thread that fails while it loads (before coordinate listens) must not go unnoticed, nor throw. */
function watchEarly(worker: Worker): { exited: boolean } {
  const state = { exited: false };
  worker.on('error', () => undefined);
  worker.once('exit', () => (state.exited = true));
  return state;
}

/**
 * Where the second half starts: the first record after `near` whose Id differs from the record
 * before it, so that (in a file sorted by Id) no Project straddles the halves.
 */
async function meetingPoint(splitter: CsvSplitter, compiled: CompiledMapping, width: number, near: number): Promise<number | null> {
  const records = await splitter.recordsNear(near, CANDIDATES);
  let previous: string | null | undefined;
  for (let i = 0; i < records.length; i++) {
    const cells: CellValue[] = records[i]!.cells.slice();
    if (!shapeCells(cells, width)) continue;
    const row: SourceRow = { row: 0, cells };
    const id = compiled.mapRow(row).id;
    if (i > 0 && previous !== undefined && (previous === null || id !== previous)) return records[i]!.offset;
    previous = id;
  }
  return null;
}

/**
 * Gives each thread its half and collects both halves' `done` messages, or null when a half could
 * not be read on its own.
 */
function coordinate(
  workers: Worker[], early: Array<{ exited: boolean }>, halves: PipelineWorkerInput[], ctx: JobContext,
  onBatch: (m: Batch, lane: number) => Promise<void>, size: number,
): Promise<[Done, Done] | null> {
  const lanes: Lane[] = workers.map((worker) => ({ worker, queue: [], done: null, progress: new Map() }));
  let failed: Error | null = null;
  let fallback = early.some((e) => e.exited);
  let wake: (() => void) | null = null;
  const poke = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onAbort = (): void => {
    failed ??= new CancelledError();
    poke();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  lanes.forEach((lane) => {
    lane.worker.on('message', (m: FromPipelineWorker) => {
      if (m.t === 'progress') {
        lane.progress.set(m.stage, m.done);
        let done = 0;
        for (const l of lanes) done += l.progress.get(m.stage) ?? 0;
        ctx.progress(m.stage, done, m.stage === 'reading' ? size : null, m.unit);
        return;
      }
      if (m.t === 'batch') lane.queue.push(m);
      else if (m.t === 'done') lane.done = m;
      else if (m.t === 'error' && m.kind === 'cancelled') failed ??= new CancelledError();
      // A reset (not expected from a range), an unreadable half or any other failure: one piece.
      else fallback = true;
      poke();
    });
    lane.worker.on('error', () => {
      fallback = true;
      poke();
    });
    lane.worker.on('exit', () => {
      if (!lane.done) fallback = true;
      poke();
    });
  });
  lanes.forEach((lane, i) => lane.worker.postMessage({ t: 'start', input: halves[i]! } satisfies ToPipelineWorker));

  const run = async (): Promise<[Done, Done] | null> => {
    let turn = 0;
    for (;;) {
      if (failed) throw failed;
      if (fallback) return null;
      const lane = lanes[turn]!;
      const other = lanes[1 - turn]!;
      const otherFinished = other.done !== null && other.queue.length === 0;
      const next = lane.queue.shift();
      if (next) {
        await onBatch(next, turn);
        lane.worker.postMessage({ t: 'ack' });
        if (!otherFinished) turn = 1 - turn;
      } else if (lane.done) {
        if (otherFinished) return [lanes[0]!.done!, lanes[1]!.done!];
        turn = 1 - turn;
      } else {
        await new Promise<void>((r) => (wake = r));
      }
    }
  };
  return run().finally(() => {
    ctx.signal.removeEventListener('abort', onAbort);
    for (const l of lanes) void l.worker.terminate();
  });
}

/**
 * The first `keepRows` kept rows of the whole file, or null when the second half stopped keeping
 * before the first half's shortfall was covered.
 */
function keptOf(a: PipelineStats, b: PipelineStats, keepRows: number, keepSecond: number): PipelineStats['kept'] | null {
  const need = keepRows - a.kept.length;
  if (need <= 0) return a.kept;
  if (b.kept.length < need && b.kept.length >= keepSecond && b.rows > b.kept.length) return null;
  return a.kept.concat(b.kept.slice(0, need));
}

function merge(a: PipelineStats, b: PipelineStats, kept: PipelineStats['kept'], maxIssues = 50_000): PipelineStats {
  const issues = a.issues.concat(b.issues);
  return {
    info: a.info,
    rows: a.rows + b.rows,
    excluded: a.excluded + b.excluded,
    projects: a.projects + b.projects,
    valid: a.valid + b.valid,
    rejected: a.rejected + b.rejected,
    errors: a.errors + b.errors,
    warnings: a.warnings + b.warnings,
    issues: issues.slice(0, maxIssues),
    issuesTruncated: a.issuesTruncated || b.issuesTruncated || issues.length > maxIssues,
    kept,
    schemaChecked: a.schemaChecked,
    passes: 1,
    parts: 2,
  };
}
