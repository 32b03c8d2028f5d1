import type { CliHost } from './cli-host';

/** Where a CLI command writes; tests pass a capturing implementation. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Progress lines go to stderr on a terminal only, so `--json` output stays clean. */
  progress(line: string): void;
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  /** Set when the app's own binary runs the CLI (cli-host.ts); absent under plain Node. */
  readonly host?: CliHost;
}

export function processIo(host?: CliHost): CliIo {
  const tty = Boolean(process.stderr.isTTY);
  // `cli … | head` closes the pipe early: that is the reader's choice, not a failure to report.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    out: (line) => void process.stdout.write(line + '\n'),
    err: (line) => void process.stderr.write(line + '\n'),
    progress: (line) => {
      if (tty) process.stderr.write('\r' + line.padEnd(70).slice(0, 100));
    },
    env: process.env,
    cwd: process.cwd(),
    ...(host ? { host } : {}),
  };
}

/** Collects output in memory (tests). */
export function memoryIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l), progress: () => undefined, env, cwd };
}
