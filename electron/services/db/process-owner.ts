import { hostname, uptime } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** The process that holds a lock or works on a run: enough to tell whether it still runs. */
export interface ProcessOwner {
  pid: number;
  host: string;
  /** When the process started (ms since the epoch); tells it from an earlier one with the same pid. */
  started: number;
}

// Worker threads inherit the main thread's environment, so the app's job threads and the process
// itself carry one start time (computed per thread, clock adjustments would make them differ).
const ENV_KEY = 'MINICRM_SYNC_PROCESS';

function processStart(): number {
  const inherited = /^(\d+)@(\d+)$/.exec(process.env[ENV_KEY] ?? '');
  if (inherited && Number(inherited[1]) === process.pid) return Number(inherited[2]);
  const started = Math.round(Date.now() - process.uptime() * 1000);
  if (isMainThread) process.env[ENV_KEY] = `${process.pid}@${started}`;
  return started;
}

let self: ProcessOwner | null = null;

export function currentProcess(): ProcessOwner {
  self ??= { pid: process.pid, host: hostname(), started: processStart() };
  return self;
}

/**
 * Whether the owner may still be running. Another host cannot be asked: it counts as running.
 * A process that started before this computer did is gone whatever its pid; our own pid is ours
 * only with our start time (else an earlier process had it); any other pid is asked with signal 0.
 */
export function ownerAlive(owner: { pid: number | null; host: string | null; started: number | null }): boolean {
  const me = currentProcess();
  if (owner.pid === null) return false;
  if (owner.host !== null && owner.host !== me.host) return true;
  // A minute of slack: the boot time is computed from a clock that may have been adjusted since.
  if (owner.started !== null && owner.started < Date.now() - uptime() * 1000 - 60_000) return false;
  if (owner.pid === me.pid) return owner.started !== null && owner.started === me.started;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
