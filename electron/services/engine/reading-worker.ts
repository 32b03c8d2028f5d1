// Worker-thread entry (bundled to out/main/reading-worker.js): one ReadingWork serving the tasks
// its pool sends, one at a time in the order sent (reading-pool.ts holds the protocol).
import { parentPort, workerData } from 'node:worker_threads';
import { ReadingWork } from './reading-work';
import { failureOf, transferablesOf, type FromReadingThread, type ToReadingThread } from './reading-pool';

const port = parentPort!;
let work: ReadingWork | null = null;
let queue: Promise<void> = Promise.resolve();
try {
  work = new ReadingWork((workerData as { setup: ConstructorParameters<typeof ReadingWork>[0] }).setup);
  port.postMessage({ t: 'ready' } satisfies FromReadingThread);
} catch (e) {
  port.postMessage({ t: 'failed', id: -1, error: failureOf(e) } satisfies FromReadingThread);
}

port.on('message', (m: ToReadingThread) => {
  if (!work) return;
  if (m.t === 'plan') return work.setPlan(m.plan);
  if (m.t === 'recycle') return work.recycle(m.buffer);
  if (m.t === 'close') {
    work.close();
    port.close();
    return;
  }
  const w = work;
  // Tasks run one after another (they share the thread's output); the next one waits here, not in the pool.
  queue = queue.then(() => w.run(m.task)).then(
    (result) => port.postMessage({ t: 'done', id: m.id, result } satisfies FromReadingThread, transferablesOf(result)),
    (e: unknown) => port.postMessage({ t: 'failed', id: m.id, error: failureOf(e) } satisfies FromReadingThread),
  );
});
