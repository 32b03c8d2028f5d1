/**
 * "Export the problems": one line per issue with where it is and what is wrong, followed by the
 * whole row as in the file, so the user can fix the source system and import again. The app's Check
 * screen and the CLI (`validate --problems`) write it with this one function.
 * XLSX through exceljs' streaming writer, every cell a string cell (text, never a formula); CSV as
 * UTF-8 with BOM and `;` (what Hungarian Excel opens), its cells neutralised against formula
 * injection and a note above the header saying so.
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

/*
 * OWASP CSV injection: Excel and LibreOffice run a cell that starts with = + - @ (also full-width, and
 * after spaces), a tab or a line break as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). A leading
 * apostrophe makes it text. Plain numbers (`-5`, `+36`) cannot run anything and stay as they are.
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** The first line of the CSV export, above the header. */
export const CSV_NOTE = 'Problems found by MiniCRM XML Sync. Values that start with =, +, -, @, a tab or a line break have an '
  + "apostrophe (') added in front, so that a spreadsheet program shows them as text and never runs them as formulas.";

export function csvLine(cells: readonly string[], delimiter = ';'): string {
  return cells.map((c) => (/["\r\n]/.test(c) || c.includes(delimiter) || /^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}

export async function exportProblems(path: string, format: 'xlsx' | 'csv', headers: readonly string[], rows: readonly CheckRow[]): Promise<number> {
  const lines = problemLines(headers, rows);
  if (format === 'csv') {
    const out = createWriteStream(path, { encoding: 'utf8' });
    out.write('\uFEFF');
    // Quoted: its commas must not split it in a comma-separated locale either.
    out.write(`"${CSV_NOTE}"\r\n`);
    for (const l of lines) {
      if (!out.write(`${csvLine(l.map(neutraliseFormula))}\r\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } else {
    const wb = new (await exceljs()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
    const ws = wb.addWorksheet('Problems', { views: [{ state: 'frozen', ySplit: 1 }] });
    lines.forEach((l, idx) => {
      // Strings stay string cells in exceljs (a formula would need { formula }); only the row number is a number.
      const row = ws.addRow(idx === 0 || !/^\d+$/.test(l[0]!) ? l : [Number(l[0]), ...l.slice(1)]);
      if (idx === 0) row.font = { bold: true };
      row.commit();
    });
    ws.commit();
    await wb.commit();
  }
  return lines.length - 1;
}
