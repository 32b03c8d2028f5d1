import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run-cli';
import { inspectFile } from '../../electron/services/engine/inspect';
import { validateFile } from '../../electron/services/engine/validate';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { silentJobContext } from '../../shared/domain/job';
import { row, xlsxParts } from '../fixtures/reader/ooxml-parts';
import { zipParts, type PartSpec } from '../fixtures/reader/zip-parts';
import { FIDELITY } from '../fixtures/reader/make-fidelity';

/**
 * What a workbook's odd cells become once mapped (issue #14's file-level parts): error cells and
 * formulas without a result are issues naming row and column, a percentage is "15%" for text and
 * 0.15 for a number, both of two same-named columns can be mapped, and columns under a blank
 * header are listed.
 */
const str = (ref: string, t: string): readonly [string, string, string] => [ref, 't="inlineStr"', `<is><t>${t}</t></is>`];
const HEADERS = ['Kód', 'Cégnév', 'E-mail', 'E-mail', 'Kedvezmény', 'Arány', 'Összeg', ''];

function workbook(): Buffer {
  return zipParts(xlsxParts({
    formats: ['0%'],
    sheets: [{ name: 'Ügyfelek', rows:
      row(1, HEADERS.map((h, i) => str(`${String.fromCharCode(65 + i)}1`, h)).filter((c) => c[2] !== '<is><t></t></is>'))
      + row(2, [str('A2', 'U-1'), str('B2', 'Kovács Kft.'), str('C2', 'info@kovacs.hu'), str('D2', 'b@kovacs.hu'),
        ['E2', 's="1"', '<v>0.15</v>'], ['F2', 's="1"', '<v>0.15</v>'], ['G2', '', '<v>120</v>'], str('H2', 'a blank header')])
      + row(3, [str('A3', 'U-2'), str('B3', 'Nagy Bt.'), str('C3', 'nagy@nagy.hu'), ['E3', 's="1"', '<v>0.5</v>'], ['F3', 's="1"', '<v>0.5</v>'],
        ['G3', 't="e"', '<f>1/0</f><v>#DIV/0!</v>']])
      + row(4, [str('A4', 'U-3'), str('B4', 'Tóth Zrt.'), ['G4', '', '<f>SUM(G2:G3)</f>']]) }],
  }));
}

const PROFILE: ProfileV1 = {
  format: 'minicrm-sync-profile', version: 1, name: 'Ügyfelek',
  project: { Id: 'Kód', Name: 'Cégnév' },
  business: { Name: 'Cégnév', Emails: [{ column: 'E-mail' }, { column: 'E-mail (2)' }] },
  custom: { Kedvezmeny: 'Kedvezmény', Arany: { column: 'Arány', as: 'number' }, Osszeg: { column: 'Összeg', as: 'number' }, Egyeb: 'Column H' },
};

let dir = '';
let file = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-values-'));
  file = join(dir, 'ugyfelek.xlsx');
  await writeFile(file, workbook());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workbook cells through mapping', () => {
  it('lists both same-named columns and the column under a blank header, and proposes both e-mails', async () => {
    const r = await inspectFile(file);
    expect(r.info.headers).toEqual(['Kód', 'Cégnév', 'E-mail', 'E-mail (2)', 'Kedvezmény', 'Arány', 'Összeg', 'Column H']);
    expect(r.proposal.business?.Emails?.map((e) => e.column)).toEqual(['E-mail', 'E-mail (2)']);
  });

  it('turns error cells and formulas without a result into issues naming row and column', async () => {
    const report = await validateFile(file, PROFILE, {}, silentJobContext());
    const cellIssues = report.issues.filter((i) => i.code === 'error-cell' || i.code === 'formula-without-value');
    expect(cellIssues.map(({ row, column, field, value, code, severity }) => ({ row, column, field, value, code, severity }))).toEqual([
      { row: 3, column: 'Összeg', field: 'custom.Osszeg', value: '#DIV/0!', code: 'error-cell', severity: 'error' },
      { row: 4, column: 'Összeg', field: 'custom.Osszeg', value: '=SUM(G2:G3)', code: 'formula-without-value', severity: 'error' },
    ]);
    expect(cellIssues[0]?.message).toBe('Row 3, column "Összeg": "#DIV/0!" is an error in the sheet (a formula that could not be calculated); fix it in the file.');
    expect(cellIssues[1]?.message).toMatch(/^Row 4, column "Összeg": "=SUM\(G2:G3\)" is a formula saved without its result; open the file in Excel or LibreOffice and save it again\.$/);
  });

  it('writes a percentage as the sheet shows it into a text field and as its number into a number field', async () => {
    const feed = join(dir, 'feed.xml');
    const io = memoryIo({ MINICRM_SYNC_HOME: dir });
    const profilePath = join(dir, 'p.json');
    await writeFile(profilePath, JSON.stringify(PROFILE));
    // Rows 3 and 4 are rejected for their error cells (the exit code of such a build is #14's policy part, not asserted here).
    await runCli(['build', file, '--profile', profilePath, '--out', feed, '--db', join(dir, 'h.sqlite')], io);
    expect(io.stdout.join('\n')).toMatch(/Rejected: 2/);
    const xml = await readFile(feed, 'utf8');
    const u1 = xml.slice(xml.indexOf('<Project Id="U-1">'), xml.indexOf('</Project>', xml.indexOf('<Project Id="U-1">')));
    expect(u1).toContain('<Kedvezmeny>15%</Kedvezmeny>');
    expect(u1).toContain('<Arany>0.15</Arany>');
    expect(u1).toContain('<Egyeb>a blank header</Egyeb>');
    expect(u1).toMatch(/info@kovacs\.hu[\s\S]*b@kovacs\.hu/);
  });

  it('lists the column under a merged header cell by its letter, and a profile that names it reads it', async () => {
    const merged = join(dir, 'merged-header.xlsx');
    await writeFile(merged, zipParts(FIDELITY.find((f) => f.file === 'merged-header.xlsx')!.make() as PartSpec[]));
    const r = await inspectFile(merged);
    expect(r.info.headers).toEqual(['Kód', 'Telefon', 'Column C', 'Város']);
    const profile: ProfileV1 = {
      format: 'minicrm-sync-profile', version: 2, name: 'Telefonok', project: { Id: 'Kód' },
      business: { Name: 'Kód', Phones: [{ column: 'Telefon' }, { column: 'Column C' }] },
    };
    expect(compileMapping(profile, r.info.headers).notes).toEqual([]);
    const report = await validateFile(merged, profile, {}, silentJobContext());
    expect({ errors: report.errors, warnings: report.warnings, valid: report.valid }).toEqual({ errors: 0, warnings: 0, valid: 1 });
    const feed = join(dir, 'merged.xml');
    const profilePath = join(dir, 'merged.json');
    await writeFile(profilePath, JSON.stringify(profile));
    expect(await runCli(['build', merged, '--profile', profilePath, '--out', feed, '--db', join(dir, 'm.sqlite')], memoryIo({ MINICRM_SYNC_HOME: dir }))).toBe(0);
    expect(await readFile(feed, 'utf8')).toMatch(/\+36 1 234 5678[\s\S]*\+36 30 765 4321/);
  });

  it('warns when a profile reads only the first of two same-named columns', async () => {
    const { info } = await inspectFile(file);
    const firstOnly: ProfileV1 = { ...PROFILE, business: { Name: 'Cégnév', Emails: [{ column: 'E-mail' }] } };
    const notes = compileMapping(firstOnly, info.headers, { columns: info.columns }).notes;
    expect(notes).toEqual([expect.objectContaining({
      code: 'duplicate-column', severity: 'warning', column: 'E-mail',
      message: 'The file has more than one column named "E-mail": the profile\'s "E-mail" reads the first (column C); the others are "E-mail (2)" (column D) and are not read.',
    })]);
    expect(compileMapping(PROFILE, info.headers, { columns: info.columns }).notes).toEqual([]);
  });

  it('no warning when the file really has a column named "E-mail (2)" beside "E-mail"', () => {
    const headers = ['Kód', 'Cégnév', 'E-mail', 'E-mail (2)'];
    const columns = headers.map((header, index) => ({ index, header, samples: [] }));
    const firstOnly: ProfileV1 = { ...PROFILE, business: { Name: 'Cégnév', Emails: [{ column: 'E-mail' }] }, custom: {} };
    expect(compileMapping(firstOnly, headers, { columns }).notes).toEqual([]);
  });
});
