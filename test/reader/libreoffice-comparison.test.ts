import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { memoryIo } from '../../electron/cli/io';
import { FIDELITY, makeFidelityFixtures } from '../fixtures/reader/make-fidelity';
import { makeReaderFixtures } from '../fixtures/reader/make-fixtures';
import { convertWithLibreOffice, saveOdsWithPassword } from '../fixtures/reader/libreoffice';

/**
 * The readers against LibreOffice's own reading. LibreOffice opens every fixture and saves what
 * it read as XLSX (read back by the XLSX reader, itself checked against hand-written truth in
 * workbook-fidelity.test.ts); it also writes real XLS and ODS files of the XLSX fixtures, which the
 * XLS and ODS readers must read to the same cells as the original.
 */
const WORKBOOKS = [...FIDELITY.map((f) => f.file), 'sheetjs.xlsb', 'sheetjs.xlsx', 'customers.xlsx', 'date1904.xlsx', 'customers.ods', 'customers.xls'];

/** Where LibreOffice and Excel part ways, cell by cell ([row, column], 0-based), and why. */
const KNOWN: Record<string, { cells?: Array<[number, number]>; file?: true; why: string }> = {
  'errors.xlsx': { cells: [[1, 2]], why: 'a formula saved without its result: LibreOffice calculates it, the app reports it as an issue' },
  'iso-dates.xlsx': { cells: [[1, 2]], why: 'LibreOffice counts 1899-12-31 as day 1, Excel as day 0, so a time-only ISO cell reads 34:10:10 there' },
  'part-names.xlsx': { file: true, why: 'LibreOffice cannot open parts named with backslashes; Excel can' },
  'customers.ods': { cells: [[3, 6], [4, 6]], why: 'SheetJS writes booleans without a boolean style: LibreOffice shows 1 and 0, the cells say TRUE and FALSE' },
};

/** The same for XLS files LibreOffice writes. */
const KNOWN_XLS: Record<string, { cells: Array<[number, number]>; why: string }> = {
  'customers.xlsx': { cells: [[4, 0]], why: 'LibreOffice saves 0 as the result of a text formula in XLS (it calculates again on opening); the app reads what the file holds' },
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-lo-'));
  await makeFidelityFixtures(dir);
  await makeReaderFixtures(dir);
  for (const sub of ['src', 'lo-xlsx', 'lo-xls', 'lo-ods']) await mkdir(join(dir, sub));
  // LibreOffice names its output after the input's base name: customers.xls and customers.ods must not meet.
  for (const f of WORKBOOKS) await copyFile(join(dir, f), join(dir, 'src', unique(f)));
  const xlsxOnly = WORKBOOKS.filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, 'src', unique(f)));
  await convertWithLibreOffice(WORKBOOKS.map((f) => join(dir, 'src', unique(f))), 'xlsx', join(dir, 'lo-xlsx'));
  await convertWithLibreOffice(xlsxOnly, 'xls', join(dir, 'lo-xls'));
  await convertWithLibreOffice(xlsxOnly, 'ods', join(dir, 'lo-ods'));
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cells(file: string, sheet?: string): Promise<unknown[][]> {
  const io = memoryIo();
  const code = await runCli(['cells', file, '--json', ...(sheet ? ['--sheet', sheet] : [])], io);
  expect({ file, code, err: io.stderr }).toEqual({ file, code: 0, err: [] });
  return io.stdout.map((l) => JSON.parse(l) as unknown[]);
}

/** The cells with the known differences blanked on both sides. */
function comparable(rows: unknown[][], file: string, known: Record<string, { cells?: Array<[number, number]> }> = KNOWN): unknown[][] {
  const out = rows.map((r) => [...r]);
  for (const [r, c] of known[file]?.cells ?? []) if (out[r] && c < out[r].length) out[r][c] = '(known difference)';
  return out;
}

const sheetOf = (file: string): string | undefined => FIDELITY.find((f) => f.file === file)?.sheet;
const unique = (file: string): string => `${file.replace('.', '-')}${file.slice(file.lastIndexOf('.'))}`;
const converted = (sub: string, file: string, ext: string): string => join(dir, sub, unique(file).replace(/\.\w+$/, `.${ext}`));

describe('LibreOffice reads the fixtures as the app does', () => {
  it.each(WORKBOOKS.filter((f) => !KNOWN[f]?.file))('%s', async (file) => {
    const ours = comparable(await cells(join(dir, file), sheetOf(file)), file);
    const lo = comparable(await cells(converted('lo-xlsx', file, 'xlsx'), sheetOf(file)), file);
    expect(lo).toEqual(ours);
  });

  it.each(Object.entries(KNOWN).filter(([, k]) => k.file))('%s is one LibreOffice cannot open (%s)', (file) => {
    expect(existsSync(converted('lo-xlsx', file, 'xlsx'))).toBe(false);
  });
});

describe('XLS and ODS files written by LibreOffice read to the cells of their original', () => {
  const originals = WORKBOOKS.filter((f) => f.endsWith('.xlsx') && !KNOWN[f]?.file);

  it.each(originals)('%s saved as XLS', async (file) => {
    const ours = comparable(comparable(await cells(join(dir, file), sheetOf(file)), file), file, KNOWN_XLS);
    expect(comparable(comparable(await cells(converted('lo-xls', file, 'xls'), sheetOf(file)), file), file, KNOWN_XLS)).toEqual(ours);
  });

  it.each(originals)('%s saved as ODS', async (file) => {
    const ours = comparable(await cells(join(dir, file), sheetOf(file)), file);
    // LibreOffice stores an XLSX boolean it read as the formula =TRUE() with the number 1 in ODS.
    const lo = (await cells(converted('lo-ods', file, 'ods'), sheetOf(file))).map((r, i) =>
      r.map((c, j) => (typeof ours[i]?.[j] === 'boolean' && (c === 0 || c === 1) ? c === 1 : c)));
    expect(comparable(lo, file)).toEqual(ours);
  });
});

describe('an ODS LibreOffice saved with a password', () => {
  it('is told to be password-protected, in one sentence, exit 2 (not "damaged")', async () => {
    const file = join(dir, 'jelszavas.ods');
    await saveOdsWithPassword(join(dir, 'customers.ods'), file, 'titok');
    const io = memoryIo();
    expect(await runCli(['cells', file], io)).toBe(2);
    expect(io.stderr).toEqual(['Error: jelszavas.ods is password-protected; open it in LibreOffice, save a copy without a password (File > Save As, untick "Save with password") and use that.']);
    const inspect = memoryIo();
    expect(await runCli(['inspect', file, '--json'], inspect)).toBe(2);
    expect(JSON.parse(inspect.stdout.join('\n'))).toMatchObject({ ok: false, exitCode: 2, error: { code: 'password-protected' } });
  }, 120_000);
});
