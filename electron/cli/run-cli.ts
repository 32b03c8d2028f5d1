import { CancelledError, UnusableInputError } from '../../shared/domain/errors';
import { parseCliArgs, UsageError, type CliArgs } from './args';
import type { CliIo } from './io';
import { runInspect } from './commands/inspect';
import { runValidate } from './commands/validate';
import { runBuild } from './commands/build';
import { runDiff } from './commands/diff';
import { runHistory } from './commands/history';
import { runPublish } from './commands/publish';
import { runSync } from './commands/sync';
import { runRefs } from './commands/refs';
import { runCheckConnection } from './commands/check-connection';
import { runConfig } from './commands/config';
import { runVerify } from './commands/verify';
import { runUndo } from './commands/undo';
import { COMMANDS, helpText } from './help';

type Command = (args: CliArgs, io: CliIo) => Promise<number>;

const COMMAND_TABLE: Record<string, Command> = {
  inspect: runInspect,
  validate: runValidate,
  build: runBuild,
  diff: runDiff,
  history: runHistory,
  publish: runPublish,
  sync: runSync,
  refs: runRefs,
  'check-connection': runCheckConnection,
  config: runConfig,
  verify: runVerify,
  undo: runUndo,
};

/**
 * Runs one CLI command and turns every failure into one plain line and an exit code:
 * 0 ok, 1 the data has errors / the sync failed, 2 unusable input or settings, 130 cancelled.
 */
export async function runCli(argv: readonly string[], io: CliIo, extra: Record<string, Command> = {}): Promise<number> {
  const table: Record<string, Command> = { ...COMMAND_TABLE, ...extra };
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    io.err(`Error: ${(e as Error).message}`);
    return 2;
  }
  if (args.command === 'help' || args.command === '--help' || args.command === '-h') {
    io.out(helpText());
    return 0;
  }
  const command = table[args.command];
  if (!command) {
    io.err(`Error: unknown command "${args.command}". Commands: ${COMMANDS.join(', ')}.`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnusableInputError) {
      io.err(`Error: ${e.message}`);
      return 2;
    }
    if (e instanceof CancelledError) {
      io.err('Cancelled. Nothing was written.');
      return 130;
    }
    io.err(`Error: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}

