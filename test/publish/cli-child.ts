/**
 * The command line as a real child process (`node --import tsx electron/cli/main.ts …`, what
 * `npm run cli` runs), for tests that kill it, signal it or run two at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../electron/cli/main.ts', import.meta.url));

export interface CliChild {
  child: ChildProcess;
  pid: number;
  out(): string;
  err(): string;
  /** Resolves once the process has exited (code, or the signal that ended it). */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

/** Starts the CLI; the test's end kills it if it still runs (a failed check must not leave it behind). */
export function startCli(args: readonly string[], env: Record<string, string>, opts: { detached?: boolean } = {}): CliChild {
  // The parent's process token must not reach the child (it has its own pid, but be explicit).
  const { MINICRM_SYNC_PROCESS: _token, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPO, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
    child.on('exit', (code, signal) => {
      // stdout/stderr may still hold the last lines: wait for both streams to end.
      let open = 2;
      const end = () => { if (--open === 0) resolve({ code, signal, out, err }); };
      if (child.stdout!.readableEnded) end(); else child.stdout!.on('end', end);
      if (child.stderr!.readableEnded) end(); else child.stderr!.on('end', end);
    });
  });
  onTestFinished(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  return { child, pid: child.pid!, out: () => out, err: () => err, done };
}

/** Polls until `check` holds (or fails the test after `timeoutMs`, naming what it waited for). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000, everyMs = 10): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
