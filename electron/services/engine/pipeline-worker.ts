// Worker-thread entry (bundled to out/main/pipeline-worker.js): reads, maps, validates and
// assembles a build's projects and packs and hashes them, while the thread that started it
// classifies, writes the feed and records the run. See prepared-pipeline.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError, UnusableInputError } from '../../../shared/domain/errors';
import type { JobContext } from '../../../shared/domain/job';
import { SplitFallbackError } from '../reader/csv-range';
import { runPipeline, type ProjectSink } from './pipeline';
import { runRangePass } from './range-pass';
import { BatchEncoder } from '../feed/feed-encoder';
import { packProjectBytes } from '../feed/project-encoding';
import { StagedBatchBuilder } from '../delta/staged-builder';
import { BATCH, MAX_IN_FLIGHT, type FromPipelineWorker, type PipelineWorkerInput, type ToPipelineWorker } from './pipeline-protocol';

const port = parentPort!;
const data = workerData as { input?: PipelineWorkerInput; deferred?: boolean };
const controller = new AbortController();
let inFlight = 0;
let wake: (() => void) | null = null;

/** XML buffers the writing thread has written and handed back, filled again before new ones are made. */
const spare: ArrayBuffer[] = [];

port.on('message', (m: ToPipelineWorker) => {
  if (m.t === 'start') return void main(m.input);
  if (m.t === 'recycle') {
    if (spare.length < MAX_IN_FLIGHT) spare.push(m.buffer);
    return;
  }
  if (m.t === 'cancel') controller.abort();
  if (m.t === 'ack') inFlight--;
  if (wake && (inFlight < MAX_IN_FLIGHT || controller.signal.aborted)) {
    const w = wake;
    wake = null;
    w();
  }
});

const send = (m: FromPipelineWorker): void => port.postMessage(m);

let encoder: BatchEncoder | null = null;
let builder: StagedBatchBuilder | null = null;

function flush(): void | Promise<void> {
  if (!builder || builder.size === 0) return;
  const { ids, hashes, staged } = builder.take();
  const xml = encoder?.take(spare.pop());
  const transfer = [staged.buffer as ArrayBuffer];
  if (xml) transfer.push(xml.bytes.buffer as ArrayBuffer);
  port.postMessage({ t: 'batch', ids, hashes, staged, xml } satisfies FromPipelineWorker, transfer);
  inFlight++;
  if (inFlight >= MAX_IN_FLIGHT && !controller.signal.aborted) return new Promise<void>((r) => (wake = r));
}

let running = false;

async function main(input: PipelineWorkerInput): Promise<void> {
  // One input per thread: a second `start` (never sent) must not read the file twice.
  if (running) return;
  running = true;
  // A full build (every project written) makes the feed's XML here too, in the same walk, and
  // compresses the staged batch as history stores it; otherwise only the packed values are made and
  // the writing thread decodes those of the few projects it must show or write. A check (`discard`)
  // makes neither.
  const enc = input.xml ? new BatchEncoder() : null;
  encoder = enc;
  builder = input.discard
    ? null
    : enc
      ? new StagedBatchBuilder((p, pack) => enc.add(p, pack))
      : new StagedBatchBuilder(packProjectBytes, { compress: false });
  const ctx: JobContext = {
    signal: controller.signal,
    progress: (stage, done, total, unit) => send({ t: 'progress', stage, done, total, unit }),
  };
  const sink: ProjectSink = {
    accept: (p) => {
      if (p.rejected || !builder) return;
      builder.add(p.project);
      if (builder.size >= BATCH) return flush();
    },
    reset: () => {
      builder?.reset();
      encoder?.reset();
      send({ t: 'reset' });
    },
  };
  try {
    if (input.range) {
      const r = await runRangePass(input.path, input.profile, input.options, input.range, ctx, sink);
      await flush();
      port.postMessage({ t: 'done', stats: r.stats, range: { seen: r.seen, lastRow: r.lastRow } } satisfies FromPipelineWorker, [r.seen.buffer as ArrayBuffer]);
      return;
    }
    const stats = await runPipeline(input.path, input.profile, input.options, ctx, sink);
    await flush();
    send({ t: 'done', stats });
  } catch (e) {
    if (e instanceof SplitFallbackError) send({ t: 'error', kind: 'fallback', message: e.message });
    else if (e instanceof CancelledError || controller.signal.aborted) send({ t: 'error', kind: 'cancelled', message: 'Cancelled by the user.' });
    else if (e instanceof UnusableInputError) send({ t: 'error', kind: 'unusable', code: e.code, message: e.message, params: e.params });
    else send({ t: 'error', kind: 'other', message: e instanceof Error ? e.message : String(e) });
  }
}

if (!data.deferred) void main(data.input!);
