/**
 * "Export the problems": one line per issue with where it is and what is wrong, followed by the
 * whole row as in the file, so the user can fix the source system and import again.
 * XLSX through exceljs' streaming writer; CSV as UTF-8 with BOM and `;` (what Hungarian Excel opens).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CheckRow } from '../../../shared/ipc/types';
import { exceljs } from '../reader/exceljs';

const FIXED = ['Row', 'Severity', 'Column', 'Field', 'Value', 'Problem'];

export function problemLines(headers: readonly string[], rows: readonly CheckRow[]): string[][] {
  const lines: string[][] = [[...FIXED, ...headers]];
  for (const r of rows) {
    for (const i of r.issues) {
      lines.push([rowName(r), i.severity, i.column, i.field, i.value, i.message, ...r.cells]);
    }
  }
  return lines;
}

/** A restored parked row is named by where it was parked from: its number here is only a key. */
function rowName(r: Pick<CheckRow, 'row' | 'origin'>): string {
  return r.origin ? `${r.origin.fileName} row ${r.origin.row} (parked)` : String(r.row);
}

export function csvLine(cells: readonly string[], delimiter = ';'): string {
  return cells.map((c) => (/["\r\n]/.test(c) || c.includes(delimiter) || /^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}

export async function exportProblems(path: string, format: 'xlsx' | 'csv', headers: readonly string[], rows: readonly CheckRow[]): Promise<number> {
  const lines = problemLines(headers, rows);
  if (format === 'csv') {
    const out = createWriteStream(path, { encoding: 'utf8' });
    out.write('\uFEFF');
    for (const l of lines) {
      if (!out.write(`${csvLine(l)}\r\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } else {
    const wb = new (await exceljs()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
    const ws = wb.addWorksheet('Problems', { views: [{ state: 'frozen', ySplit: 1 }] });
    lines.forEach((l, idx) => {
      const row = ws.addRow(idx === 0 || !/^\d+$/.test(l[0]!) ? l : [Number(l[0]), ...l.slice(1)]);
      if (idx === 0) row.font = { bold: true };
      row.commit();
    });
    ws.commit();
    await wb.commit();
  }
  return lines.length - 1;
}
