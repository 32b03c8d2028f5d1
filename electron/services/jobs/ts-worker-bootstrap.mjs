// Runs a TypeScript worker entry from source (vitest, tsx, the e2e bridge): registers tsx's
// loader inside the worker thread, then imports the real entry. The packaged app never uses this;
// it starts the bundled out/main/job-worker.js directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__entry);
