/**
 * The one boundary between the thread that writes (the feed, the history, the Check screen's
 * store) and the threads that read. A pool of `threads` reading threads runs tasks
 * (reading-work.ts) and hands their results back in task order; with 0 threads the same work runs
 * on the calling thread (small files: starting a thread costs more than it saves). At most a few
 * results wait to be taken, so memory stays bounded whatever the file's size.
 * Protocol: the setup goes with the thread's start; then `plan` (once, before reading ranges),
 * `task` messages answered by `done` or `failed`, and `close`. Results move without a copy.
 */
import type { Worker } from 'node:worker_threads';
import { CancelledError, UnusableInputError, type UnusableCode } from '../../../shared/domain/errors';
import type { DeliveredReader } from '../db/repositories/delivered-repository';
import { startWorker, workerEntryFor, type WorkerEntry } from '../jobs/worker-entry';
import { ReadingWork, type RangeResult, type ReadingPlan, type ReadingSetup, type ReadingTask, type TaskResult } from './reading-work';

export type ToReadingThread =
  | { t: 'plan'; plan: ReadingPlan }
  /** A result's feed buffer, written: the thread fills it again (ProjectOutput). */
  | { t: 'recycle'; buffer: ArrayBuffer }
  | { t: 'task'; id: number; task: ReadingTask }
  | { t: 'close' };

export type FromReadingThread =
  | { t: 'ready' }
  | { t: 'done'; id: number; result: TaskResult }
  | { t: 'failed'; id: number; error: Failure };

interface Failure { kind: 'unusable' | 'cancelled' | 'other'; code?: string; message: string; params?: Record<string, string | number> }

export function failureOf(e: unknown): Failure {
  if (e instanceof UnusableInputError) return { kind: 'unusable', code: e.code, message: e.message, params: e.params };
  if (e instanceof CancelledError) return { kind: 'cancelled', message: e.message };
  return { kind: 'other', message: e instanceof Error ? e.message : String(e) };
}

function errorOf(f: Failure): Error {
  if (f.kind === 'unusable') return new UnusableInputError(f.code as UnusableCode, f.message, f.params ?? {});
  if (f.kind === 'cancelled') return new CancelledError();
  return new Error(f.message);
}

/** The buffers a result owns (moved to the receiving thread, not copied). */
export function transferablesOf(r: TaskResult): ArrayBuffer[] {
  const views = 'atStart' in r
    ? [r.atStart.ids, r.inside.ids]
    : [(r as RangeResult).output.xml, (r as RangeResult).output.staged,
      (r as RangeResult).rowNumbers, (r as RangeResult).keys];
  const out = new Set<ArrayBuffer>();
  for (const v of views) if (v && v.byteLength > 0) out.add(v.buffer as ArrayBuffer);
  return [...out];
}

/** Results waiting to be taken per thread, beyond those being worked on. */
const AHEAD = 1;
/** Tasks sent to a thread at once: it starts the next as soon as one is done, even while this thread is busy writing. */
const IN_FLIGHT = 2;

interface Lane { worker: Worker; busy: number }

export class ReadingPool {
  private readonly lanes: Lane[] = [];
  private readonly local: ReadingWork | null;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly pending = new Map<number, TaskResult>();
  private nextId = 0;

  private constructor(setup: ReadingSetup, threads: number, entry: WorkerEntry | null, delivered?: DeliveredReader) {
    this.local = threads === 0 || !entry ? new ReadingWork(setup, delivered) : null;
    if (this.local) return;
    for (let i = 0; i < threads; i++) {
      // A smaller young generation: each reading thread's garbage is collected sooner (less memory, same speed).
      const worker = startWorker(entry!, { setup }, { maxYoungGenerationSizeMb: 16 });
      const lane: Lane = { worker, busy: 0 };
      worker.on('message', (m: FromReadingThread) => {
        if (m.t === 'done') {
          lane.busy--;
          this.pending.set(m.id, m.result);
        } else if (m.t === 'failed') this.failure ??= errorOf(m.error);
        this.poke();
      });
      worker.on('error', (e) => {
        this.failure ??= e;
        this.poke();
      });
      worker.on('exit', (code) => {
        if (code !== 0) this.failure ??= new Error(`A reading thread stopped unexpectedly (exit code ${code}).`);
        this.poke();
      });
      this.lanes.push(lane);
    }
  }

  /** `threads` reading threads (0: the calling thread reads, classifying against `delivered`). */
  static open(setup: ReadingSetup, threads: number, delivered?: DeliveredReader, entry: WorkerEntry | null = readingWorkerEntry()): ReadingPool {
    return new ReadingPool(setup, threads, entry, delivered);
  }

  get threads(): number {
    return this.lanes.length;
  }

  setPlan(plan: ReadingPlan): void {
    if (this.local) return this.local.setPlan(plan);
    for (const l of this.lanes) l.worker.postMessage({ t: 'plan', plan } satisfies ToReadingThread);
  }

  /** Hands a result's feed buffer back once it is written (to the threads in turn). */
  recycle(buffer: ArrayBuffer): void {
    if (this.local) return this.local.recycle(buffer);
    const lane = this.lanes[this.turn++ % this.lanes.length];
    try {
      lane?.worker.postMessage({ t: 'recycle', buffer } satisfies ToReadingThread, [buffer]);
    } catch {
      // The thread has stopped: the buffer is simply garbage then.
    }
  }

  private turn = 0;

  /** Runs `tasks` and yields their results in order. */
  async *run<R extends TaskResult>(tasks: readonly ReadingTask[], signal: AbortSignal): AsyncGenerator<R> {
    if (this.local) {
      for (const task of tasks) {
        if (signal.aborted) throw new CancelledError();
        yield (await this.local.run(task)) as R;
      }
      return;
    }
    const base = this.nextId;
    this.nextId += tasks.length;
    let sent = 0;
    const onAbort = (): void => this.poke();
    signal.addEventListener('abort', onAbort);
    try {
      for (let taken = 0; taken < tasks.length; taken++) {
        for (;;) {
          if (signal.aborted) throw new CancelledError();
          if (this.failure) throw this.failure;
          // Hand out work while few results wait: a slow writer holds the readers back, not memory.
          for (let handed = true; handed;) {
            handed = false;
            for (const lane of this.lanes) {
              if (lane.busy >= IN_FLIGHT || sent >= tasks.length || sent - taken >= this.lanes.length * (1 + AHEAD)) continue;
              lane.busy++;
              lane.worker.postMessage({ t: 'task', id: base + sent, task: tasks[sent]! } satisfies ToReadingThread);
              sent++;
              handed = true;
            }
          }
          const r = this.pending.get(base + taken);
          if (r) {
            this.pending.delete(base + taken);
            yield r as R;
            break;
          }
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    this.local?.close();
    await Promise.all(this.lanes.map((l) => {
      l.worker.postMessage({ t: 'close' } satisfies ToReadingThread);
      return l.worker.terminate();
    }));
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}

/** out/main/reading-worker.js for built code; the TypeScript source through tsx (tests). */
export function readingWorkerEntry(base: string = import.meta.url): WorkerEntry | null {
  return workerEntryFor(base, 'reading-worker', '../jobs/ts-worker-bootstrap.mjs');
}
