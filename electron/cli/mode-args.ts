import { boolFlag, UsageError, type CliArgs } from './args';

/** `--changed-only` (default) or `--full`; both at once is a mistake worth stopping for. */
export function modeFromArgs(args: CliArgs): 'changed' | 'full' {
  const changed = boolFlag(args, 'changed-only');
  const full = boolFlag(args, 'full');
  if (changed && full) throw new UsageError('Choose either --changed-only or --full, not both.');
  return full ? 'full' : 'changed';
}
