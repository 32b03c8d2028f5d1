/**
 * How a command that threw ends: its exit code (the README's table), the plain line for stderr and,
 * for --json, the JSON document for stdout. runCli ends every command this way; a command that
 * streams its JSON (validate) closes its document with the same error.
 */
import { CancelledError, UnusableInputError } from '../../shared/domain/errors';
import { toIpcError } from '../../shared/ipc/ipc-error';
import { UsageError } from './args';
import { diskFullOf, EXIT_DISK_FULL } from './faults';
import { SIGNAL_EXIT, type StopSignal } from './signals';

export interface CliFailure {
  exitCode: number;
  line: string;
  error: { code: string; message: string; params?: Record<string, string | number> };
}

export function cliFailure(e: unknown, stoppedBy: StopSignal | null): CliFailure {
  const of = (exitCode: number, err: unknown, line: string): CliFailure => {
    const { code, params } = err instanceof UsageError ? { code: 'usage', params: undefined } : toIpcError(err);
    return { exitCode, line, error: { code, message: (err as Error).message ?? String(err), ...(params ? { params } : {}) } };
  };
  if (e instanceof UsageError || e instanceof UnusableInputError) return of(2, e, `Error: ${e.message}`);
  const full = diskFullOf(e);
  if (full) return of(EXIT_DISK_FULL, full.error, full.line);
  if (e instanceof CancelledError) {
    return stoppedBy ? of(SIGNAL_EXIT[stoppedBy], e, `Stopped (${stoppedBy}). Nothing was written.`) : of(130, e, 'Cancelled. Nothing was written.');
  }
  return of(1, e, `Error: ${(e as Error).message ?? String(e)}`);
}

/** The JSON document of a failure (`{"ok": false, "exitCode": …, "error": {…}}`). */
export function failureJson(f: CliFailure): string {
  return JSON.stringify({ ok: false, exitCode: f.exitCode, error: f.error }, null, 2);
}
