import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { memoryIo } from '../../electron/cli/io';
import { openSource } from '../../electron/services/reader';
import { validateFile } from '../../electron/services/engine/validate';
import { silentJobContext } from '../../shared/domain/job';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { FIDELITY, makeFidelityFixtures, sheetjsPair, XLS_ERROR_CODES } from '../fixtures/reader/make-fidelity';

/** What `cells` prints for a file: each workbook class compared with what Excel (LibreOffice for ODS) shows. */
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-fidelity-'));
  await makeFidelityFixtures(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = memoryIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

const cellsJson = async (file: string, sheet?: string): Promise<unknown[][]> => {
  const r = await cli('cells', join(dir, file), '--json', ...(sheet ? ['--sheet', sheet] : []));
  expect(r).toMatchObject({ code: 0, err: [] });
  return r.out.map((l) => JSON.parse(l) as unknown[]);
};

describe('cells --json gives what the sheet shows', () => {
  it.each(FIDELITY.map((f) => [f.file, f.what, f] as const))('%s (%s)', async (_file, _what, f) => {
    expect(await cellsJson(f.file, f.sheet)).toEqual(f.cells);
  });

  it('reads an XLSB file to the same cells as the XLSX of the same workbook', async () => {
    const { cells } = sheetjsPair();
    expect(await cellsJson('sheetjs.xlsb')).toEqual(cells);
    expect(await cellsJson('sheetjs.xlsx')).toEqual(cells);
    expect((await cli('cells', join(dir, 'sheetjs.xlsb'), '--sheets')).out).toEqual(['Adatok', 'Második']);
    expect(await cellsJson('sheetjs.xlsb', 'Második')).toEqual([['második']]);
    const { info } = await openSource(join(dir, 'sheetjs.xlsb'));
    expect(info).toMatchObject({ format: 'xlsb', sheet: 'Adatok', headers: ['Kód', 'Összeg', 'Dátum', 'Aktív', 'Hiba', 'Megjegyzés'] });
  });
});

describe('XLS', () => {
  it('opens a workbook stream named WORKBOOK in capitals', async () => {
    expect(await cellsJson('upper-workbook.xls')).toEqual([['Kód', 'Név'], ['1', 'Kiss']]);
  });

  it('keeps each error cell\'s code (#VALUE!, #N/A …), never "#ERROR", and each becomes an issue naming it', async () => {
    expect(await cellsJson('error-codes.xls')).toEqual([
      ['Kód', ...XLS_ERROR_CODES.map((_c, i) => `Hiba ${i + 1}`)],
      ['E-1', ...XLS_ERROR_CODES.map((error) => ({ error }))],
    ]);
    const custom = Object.fromEntries(XLS_ERROR_CODES.map((_c, i) => [`Hiba${i + 1}`, `Hiba ${i + 1}`]));
    const profile: ProfileV1 = { format: 'minicrm-sync-profile', version: 2, name: 'Hibák', project: { Id: 'Kód' }, custom };
    const report = await validateFile(join(dir, 'error-codes.xls'), profile, {}, silentJobContext());
    expect(report.issues.map((i) => [i.column, i.value, i.params?.reason])).toEqual(XLS_ERROR_CODES.map((c, i) => [`Hiba ${i + 1}`, c, 'error-cell']));
    expect(report.issues[2]?.message).toBe('Row 2, column "Hiba 3": "#VALUE!" is an error in the sheet (a formula that could not be calculated); fix it in the file; it was left out, the rest of the project is sent.');
  });

  it('does not list a chart sheet (it holds no cells of its own)', async () => {
    expect((await cli('cells', join(dir, 'chart-sheet.xls'), '--sheets')).out).toEqual(['Adatok']);
    await expect(openSource(join(dir, 'chart-sheet.xls'), { sheet: 'Diagram' })).rejects.toMatchObject({ code: 'sheet-not-found' });
  });
});

describe('the cells command', () => {
  it('lists the sheets in workbook order, hidden ones included', async () => {
    expect((await cli('cells', join(dir, 'sheets-order.xlsx'), '--sheets')).out).toEqual(['Első', 'Rejtett', 'Második']);
  });

  it('writes the sheet as CSV: as shown, dates in ISO 8601, every row from row 1', async () => {
    const r = await cli('cells', join(dir, 'times-percent.xlsx'));
    expect(r.out).toEqual(['Idő,Tartam,Arány,Arány2', '10:10:10,36:30:00,15%,12.5%']);
    expect((await cli('cells', join(dir, 'no-r.xlsx'))).out).toEqual(['Kód,Név,Város', '1,Kiss,Győr', ',,', '3,,Pécs', '4,Tóth,']);
    expect((await cli('cells', join(dir, 'iso-dates.xlsx'))).out[1]).toBe('2021-01-01,2021-01-01T10:10:10,10:10:10');
    expect((await cli('cells', join(dir, 'pretty-inline.xlsx'))).out[1]).toBe('a<b & c,"  két szóköz "');
  });

  it('has its own help, like every command: usage, options, the JSON values and exit codes', async () => {
    const help = await cli('cells', '--help');
    expect(help.code).toBe(0);
    const text = help.out.join('\n');
    expect(text).toMatch(/^Usage: npm run cli -- cells <file> \[--sheet S\] \[--json\] \| npm run cli -- cells <file> --sheets\n/);
    for (const option of ['--sheets', '--sheet S', '--json', '--encoding E', '--delimiter D']) expect(text).toContain(`  ${option} `);
    expect(text).toContain('{"error": "#DIV/0!"}');
    expect(text).toMatch(/Exit codes: 0 read, 2 /);
    expect(text).not.toContain('verify RUN');
    expect((await cli('help', 'cells')).out).toEqual(help.out);
  });

  it('says plainly what is wrong with a file, exit 2', async () => {
    const missing = await cli('cells', join(dir, 'nope.xlsx'));
    expect(missing).toMatchObject({ code: 2, err: [expect.stringMatching(/^Error: File not found/)] });
    const sheet = await cli('cells', join(dir, 'sheets-order.xlsx'), '--sheet', 'Nincs');
    expect(sheet.err).toEqual(['Error: sheets-order.xlsx has no sheet "Nincs"; its sheets are: "Első", "Rejtett", "Második".']);
    expect((await cli('cells', join(dir, 'a.xlsx'), '--colour')).code).toBe(2);
  });
});

describe('messages that say what is true', () => {
  it.each(['xlsx', 'xlsb', 'xls', 'ods'])('calls a sheet without cells empty, in every format (%s)', async (ext) => {
    await expect(openSource(join(dir, `empty-sheet.${ext}`))).rejects.toMatchObject({
      code: 'no-header', message: `empty-sheet.${ext} has no header row: the first rows are empty.`,
    });
    expect(await cellsJson(`empty-sheet.${ext}`)).toEqual([]);
  });

  it('names columns that hold data under no header by their letter', async () => {
    const { info } = await openSource(join(dir, 'covered.ods'));
    expect(info.headers).toEqual(['Kód', 'Név', 'Név2', 'Column D', 'Column E']);
  });
});
