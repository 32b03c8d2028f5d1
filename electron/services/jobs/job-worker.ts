// Worker-thread entry (bundled to out/main/job-worker.js; run from source through
// ts-worker-bootstrap.mjs): serves one job per thread.
import { jobTasks } from './job-tasks';
import { verifyTasks } from './verify-tasks';
import { serveJob } from './worker-host';

void serveJob({ ...jobTasks, ...verifyTasks });
