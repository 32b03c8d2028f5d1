/**
 * Faults of a run's surroundings, said plainly where runs are recorded (the app's jobs, the CLI):
 * a full disk names the folder and roughly how much to free, and a failed build keeps the counts
 * it reached instead of "rows 0, written 0". The engine itself only throws what it met.
 */
import { closeSync, openSync, readSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobContext } from '../../../shared/domain/job';
import type { CodedMessage } from '../../../shared/domain/message-codes';
import type { AppDatabase } from '../db';

export interface Reached {
  /** Rows checked so far. */
  rows: number;
  /** Projects written to the feed so far. */
  written: number;
  /** Share of the input read (0..1), when the reader says. */
  fraction: number | null;
}

/** A context that remembers the last progress of each stage, for what a failure reached. */
export function trackReached(ctx: JobContext): { ctx: JobContext; reached(): Reached } {
  const r: Reached = { rows: 0, written: 0, fraction: null };
  return {
    ctx: {
      signal: ctx.signal,
      progress(stage, done, total, unit) {
        if (stage === 'validating') {
          r.rows = Math.max(r.rows, done);
          if (total && r.fraction === null) r.fraction = done / total;
        } else if (stage === 'reading' && unit === 'bytes' && total) {
          r.fraction = done / total;
        } else if (stage === 'writing') {
          r.written = Math.max(r.written, done);
        }
        ctx.progress(stage, done, total, unit);
      },
    },
    reached: () => ({ ...r }),
  };
}

/** Which disk is full: the feeds folder's (a write failed) or the history database's (SQLite). */
export function fullDisk(e: unknown): 'feeds' | 'database' | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'feeds';
  if (code === 'SQLITE_FULL') return 'database';
  return null;
}

/**
 * A full disk as a coded error the UI translates (job failures keep only such errors' words), with
 * the run it stopped and the rows that run had checked (the command line says both).
 */
export class DiskFullError extends Error {
  override readonly name = 'DiskFullError';
  readonly code = 'disk-full';
  constructor(message: string, readonly params: Record<string, string | number>, readonly runId: number | null = null, readonly rows = 0) {
    super(message);
  }
}

const MB = 1024 * 1024;

/** 1.5 GB, 240 MB: two significant digits, rounded up (it is "at least"). */
export function roughSize(bytes: number): string {
  const [unit, div] = bytes >= 1024 * MB ? ['GB', 1024 * MB] : ['MB', MB];
  const v = bytes / div;
  const step = v >= 10 ? 1 : 0.1;
  const up = Math.ceil(v / step - 1e-9) * step;
  return `${up >= 10 ? up.toFixed(0) : up.toFixed(1)} ${unit}`;
}

/** Rows of a text source (line breaks, read in 1 MB steps: ~0.2 s for 300 MB); null for workbooks. */
export function textRows(path: string | null): number | null {
  if (!path || !/\.(csv|tsv|txt)$/i.test(path)) return null;
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) {
      for (let i = buf.indexOf(10); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) lines++;
    }
    return Math.max(0, lines - 1);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return 0;
  }
}

export interface FaultPlace {
  feedDir: string;
  dbFile: string;
  sourceSize: number | null;
  /** The input's rows when known (textRows): the feed's size follows from it. */
  sourceRows?: number | null;
  /** Feed bytes per source byte of an earlier full build (RunRepository.feedSizeRatio). */
  ratio?: number | null;
  reached: Reached;
}

/**
 * "The disk holding C:\…\feeds is full: free at least 1.5 GB and run again." The feed's size is
 * estimated from how much it held when the disk ran out (about what is free again now that its
 * temp file is gone) and how much of the input had been read; the database needs at most about
 * the input's size for the staged projects, plus its write-ahead log.
 */
export function diskFullProblem(which: 'feeds' | 'database', place: FaultPlace): CodedMessage {
  const folder = which === 'feeds' ? place.feedDir : dirname(place.dbFile);
  const free = freeBytes(folder);
  const source = place.sourceSize ?? 0;
  let need: number;
  if (which === 'feeds') {
    // The temp file held about what is free again now: per project written that, times the
    // projects of the whole input (its rows; else the rows read over the share of the input read).
    const { rows, written, fraction: f } = place.reached;
    const total = place.sourceRows ?? (f !== null && f > 0.01 && rows > 0 ? rows / f : null);
    // (The projects counted written include the writer's last unwritten MiB.)
    // Nothing written yet: an earlier full build's feed-to-file ratio, else a generous 8.
    const feed = total !== null && written > 0 ? ((free + MB) / written) * total : source * (place.ratio ?? 8);
    // Batches in flight make the count written uncertain: a quarter more.
    need = Math.max(10 * MB, feed * 1.25 - free);
  } else {
    need = Math.max(64 * MB, source + 64 * MB - free);
  }
  const size = roughSize(need);
  return {
    code: 'disk-full', params: { folder, size, bytes: Math.round(need) },
    message: `The disk holding ${folder} is full: free at least ${size} and run again.`,
  };
}

/**
 * Records a build that threw: a full disk becomes its reason; the rows and projects it reached
 * become its counts (the engine recorded it failed or cancelled with none). Returns the disk-full
 * problem, or null for any other fault. Never throws: a database that cannot record stays as it is.
 */
export function recordRunFault(db: AppDatabase, runId: number | null, e: unknown, place: FaultPlace): CodedMessage | null {
  const which = fullDisk(e);
  const problem = which ? diskFullProblem(which, place) : null;
  if (runId === null) return problem;
  try {
    // The failed transaction is rolled back but the log file keeps its size: fold it back (and
    // truncate it), so the few bytes of this record find room on the full disk.
    if (which === 'database') {
      try {
        db.checkpoint();
      } catch {
        // No room to fold it back either: the record below may still fit.
      }
    }
    const run = db.runs.getRecord(runId);
    if (!run) return problem;
    const { rows, written } = place.reached;
    const counts = run.counts.rows === 0 && rows > 0 ? { counts: { rows, written: Math.max(run.counts.written, written) } } : {};
    if (problem) db.runs.update(runId, { status: 'failed', problem, finishedAt: run.finishedAt ?? new Date().toISOString(), ...counts });
    else if (run.status === 'failed' || run.status === 'cancelled') db.runs.update(runId, counts);
  } catch {
    // The database itself is on the full disk: it keeps what it could record.
  }
  return problem;
}

/** What watches one run for faults of its surroundings: the app's jobs, the CLI and scheduled runs share it. */
export interface RunFaultWatch {
  /** The context to run with: it remembers how far the run got. */
  ctx: JobContext;
  /** Give to the engine's `onRun`: the run the fault is recorded on. */
  onRun(runId: number): void;
  readonly runId: number | null;
  /** Records the fault on the run (see recordRunFault); a full disk comes back as its DiskFullError, anything else as null. */
  diskFull(e: unknown): DiskFullError | null;
}

export function watchRunFaults(db: AppDatabase, ctx: JobContext, place: { feedDir: string; source: string | null; profileName: string | null }): RunFaultWatch {
  const tracked = trackReached(ctx);
  let runId: number | null = null;
  return {
    ctx: tracked.ctx,
    onRun: (id) => { runId = id; },
    get runId() {
      return runId;
    },
    diskFull(e) {
      let sourceSize: number | null = null;
      try {
        sourceSize = place.source ? statSync(place.source).size : null;
      } catch {
        // The build itself says that the file is missing; the estimate is rougher.
      }
      const reached = tracked.reached();
      const feeds = fullDisk(e) === 'feeds';
      const problem = recordRunFault(db, runId, e, {
        feedDir: place.feedDir, dbFile: db.file, sourceSize, reached,
        sourceRows: feeds ? textRows(place.source) : null, ratio: feeds ? db.runs.feedSizeRatio(place.profileName) : null,
      });
      if (!problem) return null;
      const params = { ...problem.params, ...(runId !== null ? { run: runId, rows: reached.rows } : {}) };
      return new DiskFullError(problem.message, params, runId, reached.rows);
    },
  };
}
