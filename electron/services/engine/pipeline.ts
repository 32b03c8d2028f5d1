/**
 * The one way every file is read (docs/engine.md): validate, the change preview and build differ
 * only in what becomes of the projects (project-output.ts) and where the results go (sinks).
 *
 *   1. index   the source's rows and each row's Id: a CSV in pieces on all reading threads
 *              (csv-pieces.ts), anything else written once into a spool while it is read (spool.ts);
 *   2. plan    ranges of whole rows, and the Ids whose rows are not all next to each other;
 *   3. read    the ranges on the reading threads (reading-work.ts), results taken in file order;
 *   4. finish  the piles: rows of Projects whose rows lie apart, read like a range, each Id's rows
 *              next to each other (split-piles.ts).
 * The number of reading threads changes who reads a range, never what a range is, so any thread
 * count gives the same report, row numbers, feed bytes and history.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { CancelledError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import type { SourceInfo, SourceOptions } from '../../../shared/domain/source';
import type { ProjectSchema } from '../../../shared/domain/schema';
import type { ExtraRow } from '../../../shared/domain/restored-row';
import type { CellEdit } from '../../../shared/ipc/types';
import type { ProfileV1 } from '../../../shared/profile/profile-types';
import type { DeliveredReader } from '../db/repositories/delivered-repository';
import { ScratchStore } from '../db/scratch-store';
import { openSource } from '../reader/index';
import { planCsvRanges, planPieces, type IdKeyOf, type PieceIndex } from '../reader/csv-pieces';
import { csvRowOf, type CsvLayout } from '../reader/csv-text';
import type { RowRange, RowSource } from '../reader/row-ranges';
import { writeSpool } from '../reader/spool';
import { ReadingPool } from './reading-pool';
import { compileFor, idKeyReader, type ProblemRow, type RangeResult, type ReadingSetup, type ReadingTask } from './reading-work';
import type { BatchOutput, OutputMode } from './project-output';
import { SplitPlan } from './split-keys';
import { sourceOptionsFor } from './source-options';
import { RunTally, type PipelineStats } from './run-tally';

export type { PipelineStats } from './run-tally';

export interface PipelineOptions extends SourceOptions {
  edits?: readonly CellEdit[];
  excludedRows?: readonly number[];
  schema?: ProjectSchema | null;
  /** Rows read after the file's own rows (parked rows restored into this import). */
  extraRows?: readonly ExtraRow[];
  /** Reading threads; by default none for small files, one per core for large ones. */
  threads?: number;
  /** Issues kept in the report; counts stay exact beyond it (all go to the sinks). */
  maxIssues?: number;
  previewLimit?: number;
  /** Bytes per piece of the file (tests make many pieces of a small file; same results at any size). */
  pieceBytes?: number;
  /** Rows of Ids whose rows lie apart finished per task (tests make many piles of a few; same results at any size). */
  pileRows?: number;
}

/** Where results go as they come, in file order. */
export interface PipelineSinks {
  /** Rows with problems (a pile's rows come after the others). */
  problems?(rows: readonly ProblemRow[]): void | Promise<void>;
  /** A batch's feed XML and staged projects (build). */
  output?(o: BatchOutput): void | Promise<void>;
}

export interface PipelineRun {
  mode: OutputMode;
  /** The history database (classifying against the delivered state), not needed for a check. */
  db?: { file: string; nativeBinding?: string; delivered: DeliveredReader } | null;
  /** Keep the scratch store and spool for the Check screen (the caller removes them). */
  keep?: boolean;
  /** Offsets of every this-many-th row, for paging (the Check screen). */
  markEvery?: number;
}

/** Below this a file is read on the calling thread: starting reading threads costs more than it saves. */
const THREADS_FROM_BYTES = 4 * 1024 * 1024;

export async function runPipeline(path: string, profile: ProfileV1, options: PipelineOptions, run: PipelineRun,
  ctx: JobContext, sinks: PipelineSinks = {}): Promise<PipelineStats> {
  const handle = await openSource(path, sourceOptionsFor(profile, options));
  const { info } = handle;
  // The file's notes (a column read twice, say) come from this compile; the threads only map rows.
  const compiled = compileFor({ profile, headers: info.headers, sampleRows: info.preview, schema: options.schema ?? null }, info.columns);
  const threads = options.threads ?? (info.size < THREADS_FROM_BYTES ? 0 : Math.min(4, availableParallelism()));
  const store = ScratchStore.create();
  const setupFor = (source: RowSource): ReadingSetup => ({
    source, profile, headers: info.headers, sampleRows: info.preview, schema: options.schema ?? null,
    edits: options.edits ?? [], excludedRows: options.excludedRows ?? [], mode: run.mode,
    db: run.db ? { file: run.db.file, ...(run.db.nativeBinding ? { nativeBinding: run.db.nativeBinding } : {}) } : null,
    previewLimit: options.previewLimit ?? 1000, markEvery: run.markEvery ?? 0,
    // Every problem row crosses threads only when something keeps or streams them all.
    problems: run.keep || sinks.problems ? 'all' : (options.maxIssues ?? 50_000),
  });
  let pool: ReadingPool | null = null;
  try {
    const keyOf = idKeyReader(compiled, info.headers.length);
    const spool = join(store.dir, 'rows.jsonl');
    const source: RowSource = handle.layout ? csvSource(handle.layout, info) : { kind: 'spool', file: spool, width: info.headers.length };
    const plan = new SplitPlan(source, info.headerRow, options, compiled, keyOf, info.headers);
    let ranges: RowRange[];
    if (handle.layout) {
      pool = ReadingPool.open(setupFor(source), threads, run.db?.delivered);
      ranges = await indexCsv(handle.layout, info, options, pool, keyOf, compiled.idColumn, ctx, (r) => plan.add(r));
    } else {
      ctx.progress('reading', 0, info.size, 'bytes');
      ranges = await writeSpool(handle.rows(ctx), spool, compiled.idColumn, keyOf, ctx, options.pieceBytes);
      if (ctx.signal.aborted) throw new CancelledError();
      for (const r of ranges) plan.add(r);
      pool = ReadingPool.open(setupFor(source), threads, run.db?.delivered);
    }
    const extras = options.extraRows ?? [];
    const tally = new RunTally(info, compiled, options.maxIssues ?? 50_000, source, ranges);
    if (compiled.notes.length > 0) {
      await sinks.problems?.([{ row: 0, id: null, errors: 0, warnings: compiled.notes.length, issues: [...compiled.notes] }]);
    }
    const { piles, count, caseRows } = plan.finish(extras, options.pileRows);
    pool!.setPlan({
      piles: count > 0 ? { ...piles.tables, dir: store.dir } : null, caseRows: [...caseRows], origins: extras.map((e) => [e.row, e.origin]),
    });

    const tasks: ReadingTask[] = ranges.map((r) => ({ t: 'read', start: r.start, end: r.end, firstRecord: r.firstRecord }));
    if (extras.length > 0) tasks.push({ t: 'extra', rows: extras });
    const total = tally.expectedRows(info.headerRow) + extras.length;
    const take = async (r: RangeResult): Promise<void> => {
      const xml = r.output.xml;
      if (xml) r.output.release = () => pool!.recycle(xml.buffer as ArrayBuffer);
      if (sinks.output) await sinks.output(r.output);
    };
    for await (const r of pool!.run<RangeResult>(tasks, ctx.signal)) {
      tally.add(r);
      if (r.problems.length > 0) {
        if (run.keep) store.putProblems(r.problems);
        await sinks.problems?.(r.problems);
      }
      // Before the output: rows checked count as reached even when writing them fails (a full disk).
      ctx.progress('validating', tally.rowsSeen, total, 'rows');
      await take(r);
    }
    if (count > 0) {
      // The Projects whose rows lie apart, a pile of them on each reading thread.
      const finish: ReadingTask[] = Array.from({ length: count }, (_, pile) => ({ t: 'finish', pile }));
      for await (const r of pool!.run<RangeResult>(finish, ctx.signal)) {
        tally.add(r);
        if (r.problems.length > 0) {
          if (run.keep) store.putProblems(r.problems);
          await sinks.problems?.(r.problems);
        }
        await take(r);
      }
    }
    ctx.progress('validating', total, total, 'rows');
    return tally.stats(run.keep ? { store, source } : null, pool!.threads);
  } catch (e) {
    run.keep = false;
    throw e;
  } finally {
    await (pool as ReadingPool | null)?.close();
    if (!run.keep) store.remove();
  }
}

const csvSource = (layout: CsvLayout, info: SourceInfo): RowSource =>
  ({ kind: 'csv', layout, headerRow: info.headerRow, width: info.headers.length });

/** Indexes a CSV in pieces on the reading threads and plans its ranges, each handed to `onRange` as it is final. */
async function indexCsv(layout: CsvLayout, info: SourceInfo, options: PipelineOptions, pool: ReadingPool,
  keyOf: IdKeyOf, idColumn: number, ctx: JobContext, onRange: (r: RowRange) => void): Promise<RowRange[]> {
  const { pieces, longLineAt } = await planPieces(layout, options.pieceBytes);
  async function* indexed(): AsyncGenerator<PieceIndex> {
    for await (const p of pool.run<PieceIndex>(pieces.map(([start, end]) => ({ t: 'index', start, end })), ctx.signal)) {
      yield p;
      ctx.progress('reading', p.end, info.size, 'bytes');
    }
  }
  const rowOf = (record: number): number => csvRowOf(layout, record);
  return planCsvRanges(layout, indexed(), idColumn, keyOf, info.fileName, rowOf, longLineAt, onRange);
}
