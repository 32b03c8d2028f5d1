import { parseCliArgs, type CliArgs } from './args';
import { visibleIo, type CliIo } from './io';
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
import { runSchedule } from './commands/schedule';
import { runCells } from './commands/cells';
import { commandHelp, COMMANDS, helpText } from './help';
import { cliCommand } from './cli-host';
import { SIGNAL_EXIT, watchStopSignals, type StopWatch } from './signals';
import { runVerify } from './commands/verify';
import { runUndo } from './commands/undo';
import { cliFailure, failureJson } from './failure';

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
  schedule: runSchedule,
  cells: runCells,
  verify: runVerify,
  undo: runUndo,
};

/**
 * Runs one CLI command and turns every failure into one plain line and an exit code (the table is
 * in the README): 0 ok, 1 the data has errors / the sync failed, 2 unusable input or settings,
 * 3 another sync is running, 4 the disk is full, 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo, extra: Record<string, Command> = {}): Promise<number> {
  const io = visibleIo(rawIo);
  const table: Record<string, Command> = { ...COMMAND_TABLE, ...extra };
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    io.err(`Error: ${(e as Error).message}`);
    return 2;
  }
  const cmd = cliCommand(io.host);
  if (args.command === 'help' || args.command === '--help' || args.command === '-h') {
    const topic = args.positionals[0];
    io.out((topic && commandHelp(topic, cmd)) || helpText(cmd));
    return 0;
  }
  const command = table[args.command];
  if (!command) {
    io.err(`Error: unknown command "${args.command}". Commands: ${COMMANDS.join(', ')}.`);
    return 2;
  }
  if (args.flags.help === true || args.positionals.includes('-h')) {
    io.out(commandHelp(args.command, cmd) ?? helpText(cmd));
    return 0;
  }
  // Every command, not only the long ones: a scheduler's SIGTERM must never kill one mid-write.
  const watch = io.signals ? watchStopSignals((line) => io.err(line)) : null;
  try {
    const code = await runCommand(command, args, watch ? { ...io, stop: watch.signal } : io, watch);
    // Stopped by a signal: its code, whatever the command made of the cancel (its lines say how far it got).
    return watch?.received ? SIGNAL_EXIT[watch.received] : code;
  } finally {
    watch?.dispose();
  }
}

async function runCommand(command: Command, args: CliArgs, io: CliIo, watch: StopWatch | null): Promise<number> {
  try {
    return await command(args, io);
  } catch (e) {
    // A script asking for JSON gets its errors as JSON too (the plain line still goes to stderr).
    const f = cliFailure(e, watch?.received ?? null);
    io.err(f.line);
    if (args.flags.json === true) io.out(failureJson(f));
    return f.exitCode;
  }
}
