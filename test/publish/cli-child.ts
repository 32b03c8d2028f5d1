/**
 * The command line as a real child process: the bundled CLI (`out/main/cli.js`, what `npm run cli`
 * starts; `npm test` builds it first), for tests that kill it, signal it or run two at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { bundleIsStale } from '../../scripts/cli-freshness.mjs';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));

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
  if (bundleIsStale(REPO)) throw new Error('out/main/cli.js is older than the sources: run `npm test` (it builds first) or `npx electron-vite build`.');
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  // 'close' comes after the exit and after stdout/stderr ended: no last line is lost.
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
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
