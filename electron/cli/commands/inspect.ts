import { writeFile } from 'node:fs/promises';
import { inspectFile } from '../../services/engine/inspect';
import { profileColumnUses } from '../../services/engine/profile-columns';
import { serializeProfile } from '../../../shared/profile/profile-parse';
import { allowFlags, boolFlag, onePositional, stringFlag, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import { bytes, columnLetter, num } from '../format';
import { visibleControls } from '../../../shared/domain/visible-text';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';

export async function runInspect(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['sheet', 'header-row', 'encoding', 'delimiter', 'json', 'save-profile']);
  const file = onePositional(args, 'file');
  const ctx = cliJobContext(io);
  const res = await inspectFile(file, sourceOptionsFromArgs(args), [], ctx).finally(() => ctx.dispose());
  const { info, proposal } = res;
  const uses = profileColumnUses(proposal);
  const savePath = stringFlag(args, 'save-profile');
  if (savePath) await writeFile(savePath, serializeProfile(proposal) + '\n', 'utf8');

  if (boolFlag(args, 'json')) {
    io.out(JSON.stringify({
      file: info.fileName, format: info.format, size: info.size, encoding: info.encoding, delimiter: info.delimiter,
      sheets: info.sheets, sheet: info.sheet, headerRow: info.headerRow, rows: info.dataRows,
      columns: info.columns.map((c) => ({ ...c, letter: columnLetter(c.index), fields: uses.get(c.header.trim().toLowerCase()) ?? [] })),
      proposedProfile: proposal,
    }, null, 2));
    return 0;
  }
  io.out(`File:        ${info.fileName} (${info.format.toUpperCase()}, ${bytes(info.size)})`);
  if (info.format === 'csv') io.out(`Encoding:    ${info.encoding}    Delimiter: ${printable(info.delimiter)}`);
  if (info.sheets.length) io.out(`Sheets:      ${info.sheets.map((s) => (s.name === info.sheet ? `[${s.name}]` : s.name)).join(', ')}`);
  io.out(`Header row:  ${info.headerRow} (data starts on row ${info.headerRow + 1})`);
  io.out(`Data rows:   ${info.dataRows === null ? 'unknown' : num(info.dataRows)}`);
  io.out(`Columns (${info.columns.length}):`);
  for (const c of info.columns) {
    const fields = uses.get(c.header.trim().toLowerCase());
    const target = fields ? `-> ${fields.join(', ')}` : '(not mapped)';
    const samples = c.samples.slice(0, 3).map((s) => JSON.stringify(s)).join(', ');
    io.out(`  ${columnLetter(c.index).padEnd(3)} ${visibleControls(c.header, { lineBreaks: true }).padEnd(28)} ${target.padEnd(34)} ${samples}`);
  }
  io.out(savePath ? `Proposed profile written to ${savePath}.` : 'Add --save-profile FILE to save the proposed mapping as a profile.');
  return 0;
}

function printable(d: string | null): string {
  if (d === '\t') return 'tab';
  return d === null ? '-' : `"${d}"`;
}
