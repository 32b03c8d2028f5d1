import type { CliHost } from './cli-host';
import { visibleControls } from '../../shared/domain/visible-text';

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
  /** Resolves once what was written has left (a command streaming a lot waits here: bounded memory). */
  drain?(): Promise<void>;
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
    drain: () => (process.stdout.writableNeedDrain ? new Promise<void>((r) => process.stdout.once('drain', () => r())) : Promise.resolve()),
  };
}

/** Collects output in memory (tests). */
export function memoryIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l), progress: () => undefined, env, cwd };
}

/**
 * Every line a command writes passes here (run-cli.ts): control characters a file's cells hold are
 * shown escaped, never sent to the terminal raw.
 */
export function visibleIo(io: CliIo): CliIo {
  return {
    out: (line) => io.out(visibleControls(line)),
    err: (line) => io.err(visibleControls(line)),
    progress: (line) => io.progress(visibleControls(line, { lineBreaks: true })),
    env: io.env,
    cwd: io.cwd,
    ...(io.host ? { host: io.host } : {}),
  };
}
