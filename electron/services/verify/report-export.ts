/**
 * The exports of a check (one line per card, and per field that differs or could not be
 * compared) and of a restore's notes (what the user must do by hand in MiniCRM). XLSX through
 * exceljs' streaming writer, CSV as UTF-8 with BOM and `;` like the problems export; the column
 * names and words in the user's language.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CardCheck, UndoNote } from '../../../shared/domain/verification';
import { csvLine } from '../app/problems-export';
import { exceljs } from '../reader/exceljs';

export type ExportLanguage = 'hu' | 'en';

const WORDS = {
  en: {
    check: ['Project Id', 'Result', 'Field', 'Sent', 'In MiniCRM', 'Note', 'MiniCRM id', 'Checked at'],
    notes: ['What to do', 'Project Id', 'Field', 'Value set by run {{run}}', 'Value now'],
    status: { pending: 'not checked', match: 'matches', differs: 'differs', missing: 'not there yet', 'not-comparable': 'not comparable' },
    outcome: { differs: 'differs', 'not-comparable': 'not comparable' },
    kind: {
      created: 'Created by the run: delete the card in MiniCRM by hand if it should not exist',
      'empty-before': 'Was empty before: clear it in MiniCRM by hand',
      'changed-since': 'Changed by a later sync: left alone',
    },
  },
  hu: {
    check: ['Projekt azonosító', 'Eredmény', 'Mező', 'Elküldve', 'A MiniCRM-ben', 'Megjegyzés', 'MiniCRM azonosító', 'Ellenőrizve'],
    notes: ['Teendő', 'Projekt azonosító', 'Mező', 'A(z) {{run}}. futtatás értéke', 'Mostani érték'],
    status: { pending: 'nincs ellenőrizve', match: 'egyezik', differs: 'eltér', missing: 'még nincs ott', 'not-comparable': 'nem összevethető' },
    outcome: { differs: 'eltér', 'not-comparable': 'nem összevethető' },
    kind: {
      created: 'A futtatás hozta létre: ha nem kell, törölje az adatlapot kézzel a MiniCRM-ben',
      'empty-before': 'Előtte üres volt: törölje az értéket kézzel a MiniCRM-ben',
      'changed-since': 'Egy későbbi szinkronizálás módosította: változatlanul hagytuk',
    },
  },
} as const;

export function checkLines(cards: readonly CardCheck[], lang: ExportLanguage): string[][] {
  const w = WORDS[lang];
  const lines: string[][] = [[...w.check]];
  for (const c of cards) {
    const base = [c.projectId, w.status[c.status]];
    const tail = [c.minicrmId ?? '', c.checkedAt ?? ''];
    const listed = c.fields.filter((f) => c.status !== 'match' || f.outcome !== 'differs');
    if (listed.length === 0) lines.push([...base, '', '', '', c.note ?? '', ...tail]);
    for (const f of listed) lines.push([...base, f.field, f.sent, f.found ?? '', [w.outcome[f.outcome], f.reason ?? c.note ?? ''].filter(Boolean).join(': '), ...tail]);
  }
  return lines;
}

export function noteLines(notes: Iterable<UndoNote>, undoneRun: number, lang: ExportLanguage): string[][] {
  const w = WORDS[lang];
  const lines: string[][] = [w.notes.map((h) => h.replace('{{run}}', String(undoneRun)))];
  for (const n of notes) lines.push([w.kind[n.kind], n.projectId, n.field ?? '', n.runValue ?? '', n.now ?? '']);
  return lines;
}

export async function writeSheet(path: string, format: 'xlsx' | 'csv', sheet: string, lines: Iterable<string[]>): Promise<number> {
  let n = -1;
  if (format === 'csv') {
    const out = createWriteStream(path, { encoding: 'utf8' });
    out.write('\uFEFF');
    for (const l of lines) {
      n++;
      if (!out.write(`${csvLine(l)}\r\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    return n;
  }
  const wb = new (await exceljs()).stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const l of lines) {
    const row = ws.addRow(l);
    if (++n === 0) row.font = { bold: true };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return n;
}
