import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../electron/services/reader';
import { UnusableInputError } from '../../shared/domain/errors';
import { makeReaderFixtures } from '../fixtures/reader/make-fixtures';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-bad-'));
  await makeReaderFixtures(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('unusable input', () => {
  it.each([
    ['missing.xlsx', 'file-not-found'],
    ['empty.csv', 'empty-file'],
    ['report.xlsx', 'not-a-spreadsheet'], // a PDF renamed .xlsx
    ['archive.xlsx', 'not-a-spreadsheet'], // a ZIP that is no workbook
    ['binary.csv', 'not-a-spreadsheet'], // NUL bytes
    ['truncated.xlsx', 'corrupt-workbook'],
    ['protected.xlsx', 'password-protected'],
    ['header-only.csv', 'no-data-rows'],
  ])('%s -> %s with a one-line message', async (file, code) => {
    const err = await openSource(join(dir, file)).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(UnusableInputError);
    expect((err as UnusableInputError).code).toBe(code);
    expect((err as UnusableInputError).message).not.toContain('\n');
  });

  it('refuses a sheet without a header row', async () => {
    const file = join(dir, 'numbers.csv');
    await writeFile(file, '1;2;3\n4;5;6\n7;8;9\n');
    await expect(openSource(file)).rejects.toMatchObject({ code: 'no-header' });
  });

  it('refuses a forced header row that is empty', async () => {
    await expect(openSource(join(dir, 'win1250.csv'), { headerRow: 2 })).rejects.toMatchObject({ code: 'no-header' });
  });

  it('refuses an unknown forced encoding', async () => {
    await expect(openSource(join(dir, 'utf8-comma.csv'), { encoding: 'klingon-8' })).rejects.toMatchObject({ code: 'unknown-encoding' });
  });

  it('reads a text file renamed .xlsx as CSV', async () => {
    const file = join(dir, 'really-csv.xlsx');
    await writeFile(file, 'Kód;Név\n1;Kiss\n');
    const h = await openSource(file);
    expect(h.info).toMatchObject({ format: 'csv', headers: ['Kód', 'Név'], dataRows: 1 });
  });
});
