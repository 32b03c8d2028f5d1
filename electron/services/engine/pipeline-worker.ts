// Worker-thread entry (bundled to out/main/pipeline-worker.js): reads, maps, validates and
// assembles the projects of a build on the second core, and prepares their delta hashes, while
// the calling thread classifies, writes the feed and records the run.
import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError, UnusableInputError } from '../../../shared/domain/errors';
import type { FeedProject } from '../../../shared/domain/project';
import { prepareProject, type PreparedProject } from '../delta/index';
import { runPipeline } from './pipeline';
import { MAX_IN_FLIGHT, WORKER_BATCH, type FromPipelineWorker, type PipelineWorkerInput, type ToPipelineWorker } from './pipeline-protocol';

const port = parentPort!;
const input = (workerData as { input: PipelineWorkerInput }).input;
const controller = new AbortController();
let inFlight = 0;
let wake: (() => void) | null = null;

port.on('message', (m: ToPipelineWorker) => {
  if (m.t === 'cancel') controller.abort();
  if (m.t === 'ack') inFlight--;
  if (wake && (inFlight < MAX_IN_FLIGHT || controller.signal.aborted)) {
    const w = wake;
    wake = null;
    w();
  }
});

const send = (m: FromPipelineWorker): void => port.postMessage(m);

let projects: FeedProject[] = [];
let prepared: PreparedProject[] = [];

async function flush(): Promise<void> {
  if (projects.length === 0) return;
  send({ t: 'batch', json: JSON.stringify(projects), prepared });
  projects = [];
  prepared = [];
  inFlight++;
  if (inFlight >= MAX_IN_FLIGHT && !controller.signal.aborted) await new Promise<void>((r) => (wake = r));
}

async function main(): Promise<void> {
  try {
    const stats = await runPipeline(input.path, input.profile, input.options, {
      signal: controller.signal,
      progress: (stage, done, total, unit) => send({ t: 'progress', stage, done, total, unit }),
    }, {
      accept: (p) => {
        if (p.rejected) return;
        projects.push(p.project);
        prepared.push(prepareProject(p.project));
        if (projects.length >= WORKER_BATCH) return flush();
      },
      reset: () => {
        projects = [];
        prepared = [];
        send({ t: 'reset' });
      },
    });
    await flush();
    send({ t: 'done', stats });
  } catch (e) {
    if (e instanceof CancelledError) send({ t: 'error', kind: 'cancelled', message: e.message });
    else if (e instanceof UnusableInputError) send({ t: 'error', kind: 'unusable', code: e.code, message: e.message, params: e.params });
    else send({ t: 'error', kind: 'other', message: (e as Error).message ?? String(e) });
  }
}

void main();
