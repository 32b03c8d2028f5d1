/**
 * A small, strict argument parser: unknown flags are refused (exit 2) so a typo never silently
 * changes what gets sent to MiniCRM.
 */
export interface CliArgs {
  command: string;
  positionals: string[];
  flags: Record<string, string | boolean>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Flags that take a value; every other known flag is a boolean switch. */
const VALUE_FLAGS = new Set(['profile', 'sheet', 'out', 'db', 'save-profile', 'header-row', 'encoding', 'delimiter', 'secrets', 'limit', 'run', 'status', 'search', 'out-dir', 'problems', 'sample', 'ids', 'export']);

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value.`);
      flags[name] = value;
    } else {
      if (eq > 0) throw new UsageError(`--${name} does not take a value.`);
      flags[name] = true;
    }
  }
  return { command, positionals, flags };
}

/** Refuses flags a command does not know. */
export function allowFlags(args: CliArgs, allowed: readonly string[]): void {
  for (const name of Object.keys(args.flags)) {
    if (!allowed.includes(name)) throw new UsageError(`Unknown option --${name} for "${args.command}".`);
  }
}

export function stringFlag(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function boolFlag(args: CliArgs, name: string): boolean {
  return args.flags[name] === true;
}

export function onePositional(args: CliArgs, what: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`"${args.command}" needs exactly one ${what}.`);
  return args.positionals[0]!;
}
