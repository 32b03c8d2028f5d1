import type { SourceOptions } from '../../shared/domain/source';
import { stringFlag, UsageError, type CliArgs } from './args';

export function sourceOptionsFromArgs(args: CliArgs): SourceOptions {
  const out: { sheet?: string; headerRow?: number; encoding?: string; delimiter?: string } = {};
  const sheet = stringFlag(args, 'sheet');
  if (sheet) out.sheet = sheet;
  const hr = stringFlag(args, 'header-row');
  if (hr) {
    const n = Number(hr);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('--header-row must be a row number (1 or more).');
    out.headerRow = n;
  }
  const enc = stringFlag(args, 'encoding');
  if (enc) out.encoding = enc;
  const delim = stringFlag(args, 'delimiter');
  if (delim) out.delimiter = delim === 'tab' || delim === '\\t' ? '\t' : delim;
  return out;
}
