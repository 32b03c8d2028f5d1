import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openSource } from '../../electron/services/reader';
import { silentJobContext } from '../../shared/domain/job';
import type { SourceRow } from '../../shared/domain/cell';
import { HEADERS, makeReaderFixtures, patchZipEntry, writeCountXlsx } from '../fixtures/reader/make-fixtures';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-wb-'));
  await makeReaderFixtures(dir);
  await writeCountXlsx(join(dir, 'count.xlsx'), 3000);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, opts = {}): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const batch of (await openSource(path, opts)).rows(silentJobContext())) rows.push(...batch);
  return rows;
}

describe('XLSX reader (streaming)', () => {
  it('lists sheets, skips the empty first sheet and finds the header below a title row', async () => {
    const { info } = await openSource(join(dir, 'customers.xlsx'));
    expect(info.format).toBe('xlsx');
    expect(info.sheets.map((s) => [s.name, s.hasData])).toEqual([['Megjegyzés', false], ['Ügyfelek', true], ['Üres', false]]);
    expect(info.sheet).toBe('Ügyfelek');
    expect(info.headerRow).toBe(3);
    expect(info.headers).toEqual([...HEADERS, 'E-mail', 'E-mail (2)', 'Column K', 'Honlap']);
    expect(info.dataRows).toBe(4);
    expect(info.columns[0]?.samples).toEqual(['U-001', 'U-002', 'U-003', 'U-004']);
  });

  it('gives cells as the user sees them', async () => {
    const rows = await readAll(join(dir, 'customers.xlsx'));
    expect(rows.map((r) => r.row)).toEqual([4, 5, 7, 8]); // row 6 is blank: skipped, numbering kept
    const [r4, r5, r7, r8] = rows.map((r) => r.cells);
    expect(r4).toEqual(['U-001', 'Kovács és Társa Kft.', '0161', 'Győr', 0.3, { date: '2024-06-08' }, true,
      'Fő út 1.\n2. emelet', 'info@kovacs.hu', 'b@kovacs.hu', null, 'kovacs.hu']);
    // formula -> cached result, rich text -> plain, 161 with format 0000 -> '0161', date with time
    expect(r5?.slice(0, 7)).toEqual(['U-002', 'Őrség Zrt.', '0161', 'Budapest', 1234567.891, { date: '2024-01-31 14:30:05' }, false]);
    // float noise in a formula result is rounded; a serial with a date format is a date; merged cells are null
    expect(r7?.slice(4, 8)).toEqual([3, { date: '2024-01-01' }, null, null]);
    expect(r8?.slice(4, 6)).toEqual([1, { date: '2024-02-29' }]);
  });

  it('reads dates of a 1904-based workbook', async () => {
    const rows = await readAll(join(dir, 'date1904.xlsx'));
    expect(rows.map((r) => r.cells[1])).toEqual([{ date: '2024-06-08' }, { date: '1904-01-01' }]);
  });

  it('picks a named sheet and names the available ones when it is missing', async () => {
    const { info } = await openSource(join(dir, 'customers.xlsx'), { sheet: 'ügyfelek' });
    expect(info.sheet).toBe('Ügyfelek');
    await expect(openSource(join(dir, 'customers.xlsx'), { sheet: 'Vevők' })).rejects.toMatchObject({
      code: 'sheet-not-found', message: expect.stringContaining('"Megjegyzés", "Ügyfelek", "Üres"'),
    });
  });

  it('does not pick a hidden sheet by default', async () => {
    const wb = new ExcelJS.Workbook();
    const lookup = wb.addWorksheet('Kódtábla');
    lookup.addRow(['Kód', 'Jelentés']);
    lookup.addRow(['1', 'Új']);
    lookup.state = 'hidden';
    const visible = wb.addWorksheet('Adatok');
    visible.addRow(['Azonosító', 'Név']);
    visible.addRow(['A-1', 'Kiss Anna']);
    await wb.xlsx.writeFile(join(dir, 'hidden.xlsx'));
    const { info } = await openSource(join(dir, 'hidden.xlsx'));
    expect(info.sheet).toBe('Adatok');
    expect((await openSource(join(dir, 'hidden.xlsx'), { sheet: 'Kódtábla' })).info.headers).toEqual(['Kód', 'Jelentés']);
  });

  it('honours a forced header row', async () => {
    const { info } = await openSource(join(dir, 'customers.xlsx'), { headerRow: 4 });
    expect(info.headerRow).toBe(4);
    expect(info.headers[0]).toBe('U-001');
    expect(info.preview[0]?.row).toBe(5);
  });

  it('reads every row of a few-thousand-row sheet', async () => {
    const h = await openSource(join(dir, 'count.xlsx'));
    expect(h.info.dataRows).toBeNull();
    expect(h.info.preview).toHaveLength(50);
    const rows: SourceRow[] = [];
    for await (const b of h.rows(silentJobContext(), { batchSize: 500 })) rows.push(...b);
    expect(rows).toHaveLength(3000);
    expect(rows.at(-1)).toEqual({ row: 3001, cells: ['ID-3000', 'Név 3000', 4500] });
  });

  it('reports progress in rows and stops with CancelledError when cancelled', async () => {
    const h = await openSource(join(dir, 'count.xlsx'));
    const ac = new AbortController();
    const seen: Array<[string, number, number | null, string]> = [];
    const run = async (): Promise<void> => {
      for await (const _b of h.rows({ signal: ac.signal, progress: (s, d, t, u) => void seen.push([s, d, t, u]) }, { batchSize: 100 })) {
        if (seen.length > 0) ac.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'CancelledError' });
    expect(seen[0]).toEqual(['reading', expect.any(Number), 3001, 'rows']);
  });

  it('refuses a sheet whose XML stops in the middle, in one sentence', async () => {
    const src = await readFile(join(dir, 'count.xlsx'));
    const bad = patchZipEntry(src, 'xl/worksheets/sheet1.xml', (xml) => xml.slice(0, xml.indexOf('<row r="2999"')));
    await writeFile(join(dir, 'cut.xlsx'), bad);
    await expect(readAll(join(dir, 'cut.xlsx'))).rejects.toMatchObject({
      code: 'corrupt-workbook', message: 'cut.xlsx is damaged or incomplete (its part "xl/worksheets/sheet1.xml" is not well-formed XML); save or download it again.',
    });
  });

  it('reads a sheet whose dimension claims more rows than it has, as Excel does', async () => {
    const src = await readFile(join(dir, 'count.xlsx'));
    const fewer = patchZipEntry(src, 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/<row r="2999"[\s\S]*<\/sheetData>/, '</sheetData>'));
    await writeFile(join(dir, 'fewer.xlsx'), fewer);
    expect((await readAll(join(dir, 'fewer.xlsx'))).at(-1)?.row).toBe(2998);
  });
});

describe('XLS and ODS readers (SheetJS)', () => {
  it.each(['customers.xls', 'customers.ods'])('reads %s with title rows, dates, leading zeros and 15 digits', async (file) => {
    const h = await openSource(join(dir, file));
    expect(h.info.format).toBe(file.endsWith('.ods') ? 'ods' : 'xls');
    expect(h.info.sheets.map((s) => s.hasData)).toEqual([false, true]);
    expect(h.info).toMatchObject({ sheet: 'Ügyfelek', headerRow: 3, headers: HEADERS, dataRows: 2 });
    const rows = await readAll(join(dir, file));
    expect(rows[0]).toEqual({ row: 4, cells: ['U-001', 'Kovács és Társa Kft.', '0161', 'Győr', 0.3, { date: '2024-06-08' }, true, 'Fő út 1.'] });
    expect(rows[1]?.cells.slice(0, 2)).toEqual(['U-002', 'Őrség Zrt.']);
    expect(rows[1]?.cells[5]).toEqual({ date: '2024-01-31' });
  });

  it('reads an HTML table saved as .xls (a common "Excel export")', async () => {
    const file = join(dir, 'export.xls');
    await writeFile(file, '<html><body><table><tr><td>Kód</td><td>Név</td></tr><tr><td>1</td><td>Őrség Kft.</td></tr></table></body></html>');
    const h = await openSource(file);
    expect(h.info).toMatchObject({ format: 'xls', headers: ['Kód', 'Név'], dataRows: 1 });
    expect(h.info.preview[0]?.cells[1]).toBe('Őrség Kft.');
  });

  it('turns a number formatted 0000 into its padded text in XLS', async () => {
    const rows = await readAll(join(dir, 'customers.xls'));
    expect(rows[1]?.cells[2]).toBe('0161');
  });
});
