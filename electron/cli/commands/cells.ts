import type { CellValue } from '../../../shared/domain/cell';
import { cellText } from '../../../shared/domain/cell';
import { openRawSource } from '../../services/reader/open-source';
import type { RawSource } from '../../services/reader/raw-source';
import { allowFlags, boolFlag, onePositional, type CliArgs } from '../args';
import { sourceOptionsFromArgs } from '../source-args';
import type { CliIo } from '../io';
import { cliJobContext } from '../job-context';

/**
 * `cells FILE`: what the app read from a file, cell for cell, before header detection and
 * mapping, from the same reader the app uses. `--sheets` lists the sheets, `--json` writes one
 * JSON array per sheet row from row 1, otherwise the sheet is written as CSV.
 */
export async function runCells(args: CliArgs, io: CliIo): Promise<number> {
  allowFlags(args, ['sheet', 'sheets', 'json', 'encoding', 'delimiter']);
  const file = onePositional(args, 'file');
  const raw = await openRawSource(file, sourceOptionsFromArgs(args));
  if (boolFlag(args, 'sheets')) {
    for (const s of raw.sheets) io.out(s.name);
    return 0;
  }
  const ctx = cliJobContext(io);
  try {
    if (boolFlag(args, 'json')) await eachRow(raw, ctx, (cells) => io.out(JSON.stringify(cells.map(jsonCell))));
    else {
      let width = 0;
      await eachRow(raw, ctx, (cells) => void (width = Math.max(width, cells.length)));
      await eachRow(raw, ctx, (cells) => io.out(csvLine(cells, width)));
    }
  } finally {
    ctx.dispose();
  }
  return 0;
}

/** Every row from row 1 to the last with a value; rows the sheet leaves empty come as `[]`. */
async function eachRow(raw: RawSource, ctx: ReturnType<typeof cliJobContext>, write: (cells: CellValue[]) => void): Promise<void> {
  let next = 1;
  for await (const batch of raw.rows(ctx)) {
    for (const r of batch) {
      for (; next < r.row; next++) write([]);
      const cells = r.cells.map((c) => (c === '' ? null : c));
      let n = cells.length;
      while (n > 0 && cells[n - 1] === null) n--;
      cells.length = n;
      write(cells);
      next = r.row + 1;
    }
  }
}

/** `2021-01-01 10:10:10` as ISO 8601 (`2021-01-01T10:10:10`). */
const isoDate = (d: string): string => d.replace(' ', 'T');

export function jsonCell(c: CellValue): unknown {
  if (c === null || typeof c !== 'object') return c;
  if ('date' in c) return { date: isoDate(c.date) };
  if ('shown' in c) return c.number;
  return c;
}

function csvField(c: CellValue): string {
  const s = c !== null && typeof c === 'object' && 'date' in c ? isoDate(c.date) : cellText(c);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(cells: readonly CellValue[], width: number): string {
  const out: string[] = [];
  for (let i = 0; i < width; i++) out.push(csvField(cells[i] ?? null));
  return out.join(',');
}
