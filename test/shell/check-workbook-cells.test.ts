import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationSessions } from '../../electron/services/app/validation-sessions';
import { validateFile } from '../../electron/services/engine/validate';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { silentJobContext } from '../../shared/domain/job';
import type { RowIssue } from '../../shared/domain/issue';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { row, xlsxParts } from '../fixtures/reader/ooxml-parts';
import { zipParts } from '../fixtures/reader/zip-parts';

/**
 * A row the Check screen re-checks after an edit is checked from the cells the file holds, not from
 * their text: an error cell stays an error cell (not the text "#DIV/0!"), a formula saved without
 * its result stays one, and a percentage stays 0.15 for a number field and "15%" for a text field.
 */
const profile: ProfileV1 = {
  format: 'minicrm-sync-profile', version: 2, name: 'Ügyfelek',
  project: { Id: 'Kód', Name: 'Cégnév' },
  custom: { Osszeg: { column: 'Összeg', as: 'number' }, Megjegyzes: 'Megjegyzés', Arany: { column: 'Arány', as: 'number' }, Kedvezmeny: 'Kedvezmény' },
};

const str = (t: string): readonly [null, string, string] => [null, 't="inlineStr"', `<is><t>${t}</t></is>`];
const pct = (v: number): readonly [null, string, string] => [null, 's="1"', `<v>${v}</v>`];

function workbook(): Buffer {
  return zipParts(xlsxParts({
    formats: ['0%'],
    sheets: [{ name: 'Ügyfelek', rows: row(1, ['Kód', 'Cégnév', 'Összeg', 'Megjegyzés', 'Arány', 'Kedvezmény'].map(str))
      + row(2, [str('U-1'), str('Alfa Kft.'), [null, 't="e"', '<f>1/0</f><v>#DIV/0!</v>'], [null, 't="e"', '<f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v>'], pct(0.15), pct(0.15)])
      + row(3, [str('U-2'), str('Béta Bt.'), [null, '', '<v>120</v>'], [null, 't="str"', '<f>B3&amp;"!"</f>'], pct(0.5), pct(0.5)])
      + row(4, [str('U-3'), str('Gamma Zrt.'), [null, '', '<v>7</v>'], str('rendben'), pct(0.25), pct(0.25)]) }],
  }));
}

let dir = '';
let file = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cells-'));
  file = path.join(dir, 'ugyfelek.xlsx');
  fs.writeFileSync(file, workbook());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sessions = (): ValidationSessions => new ValidationSessions({
  makeChecker: (_r, info, sample) => {
    const compiled = compileMapping(profile, info.headers, { sampleRows: sample });
    return (n, cells) => {
      const r = compiled.mapRow({ row: n, cells });
      return { id: r.id, issues: r.issues };
    };
  },
});

/** Each issue as `column: what` (a value left out says why in params.reason). */
const codes = (issues: ReadonlyArray<RowIssue>): string[] => issues.map((i) => `${i.column}: ${String(i.params?.reason ?? i.code)}`).sort();

describe('the Check screen re-checks a workbook row from its cells', () => {
  it('an edit of another cell keeps the row\'s error-cell issues; the percentages stay valid', async () => {
    const report = await validateFile(file, profile, { keep: true }, silentJobContext());
    const v = sessions();
    const s = v.create(report, { path: file, profile });
    const [before] = (await v.page(s.sessionId, true, 0, 10)).rows;
    expect(before!.row).toBe(2);
    expect(codes(before!.issues)).toEqual(['Megjegyzés: error-cell', 'Összeg: error-cell']);
    const edited = await v.editCell(s.sessionId, 2, 'Cégnév', 'Alfa Kereskedelmi Kft.');
    expect(codes(edited.row.issues)).toEqual(codes(before!.issues));
    expect(edited.row.cells).toEqual(['U-1', 'Alfa Kereskedelmi Kft.', '#DIV/0!', '#N/A', '15%', '15%']);
    expect(edited.counts).toMatchObject({ errors: report.errors, warnings: report.warnings });
    const fixed = await v.editCell(s.sessionId, 2, 'Összeg', '10');
    expect(codes(fixed.row.issues)).toEqual(['Megjegyzés: error-cell']);
    // The grid shows a percentage as the sheet does ("15%"); typed back like that it is still its number.
    const percent = await v.editCell(s.sessionId, 2, 'Arány', '20%');
    expect(codes(percent.row.issues)).toEqual(['Megjegyzés: error-cell']);
  });

  it('a row left out from the start and taken back in is checked as the file holds it', async () => {
    const report = await validateFile(file, profile, { keep: true, excludedRows: [3, 4] }, silentJobContext());
    const v = sessions();
    const s = v.create(report, { path: file, profile, excludedRows: [3, 4] });
    const counts = await v.exclude(s.sessionId, [3, 4], false);
    const rows = await v.problemRows(s.sessionId);
    expect(rows.map((r) => [r.row, codes(r.issues)])).toEqual([
      [2, ['Megjegyzés: error-cell', 'Összeg: error-cell']],
      [3, ['Megjegyzés: formula-without-value']],
    ]);
    const full = await validateFile(file, profile, {}, silentJobContext());
    expect(counts).toMatchObject({ errors: full.errors, warnings: full.warnings, valid: full.valid, rejected: full.rejected });
  });
});
