import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentJobContext } from '../../shared/domain/job';
import { validateFile, type ValidateOptions, type ValidationReport } from '../../electron/services/engine/validate';
import { runCheckPipeline } from '../../electron/services/engine/prepared-pipeline';
import { SPLIT_PROFILE, tempDirs } from './helpers';

const newDir = tempDirs();

const PROFILE = SPLIT_PROFILE;

/** 6,000 rows, two per Project, bad e-mails in both halves; `blank` empty lines early in the file. */
function csv(dir: string, blank = 0): string {
  const out = ['Ügyfél export', '', 'Kód;Cég;Keresztnév;Vezetéknév;E-mail;Megjegyzés'];
  for (let i = 0; i < 6000; i++) {
    if (i === 10) for (let b = 0; b < blank; b++) out.push('');
    const email = i % 997 === 40 ? 'nem-email' : `iroda${i >> 1}@ceg.hu`;
    out.push(`K${String(i >> 1).padStart(5, '0')};"Cég ${i >> 1}; Kft.";Anna${i};Kovács ő;${email};sor ${i}`);
  }
  const file = path.join(dir, `v-${blank}.csv`);
  fs.writeFileSync(file, '\ufeff' + out.join('\r\n') + '\r\n');
  return file;
}

async function check(file: string, split: boolean, options: ValidateOptions): Promise<{ report: ValidationReport; parts: number }> {
  process.env.MINICRM_PARALLEL_MIN_BYTES = '0';
  if (!split) process.env.MINICRM_NO_SPLIT = '1';
  try {
    const report = await validateFile(file, PROFILE, options, silentJobContext());
    const { parts } = await runCheckPipeline(file, PROFILE, options, silentJobContext());
    return { report, parts };
  } finally {
    delete process.env.MINICRM_NO_SPLIT;
  }
}

afterEach(() => {
  delete process.env.MINICRM_PARALLEL_MIN_BYTES;
  delete process.env.MINICRM_NO_SPLIT;
});

describe('checking a large CSV with two reading threads', () => {
  const edits = [{ row: 50, column: 'E-mail', value: 'javitott@ceg.hu' }, { row: 5500, column: 'E-mail', value: 'rossz' }];
  const extraRows = [{ row: 1_000_001, origin: { fileName: 'régi.csv', row: 7 }, headers: null, cells: ['K99999', 'Parkolt', 'Éva', 'Nagy', 'nem-jo', ''] }];

  it.each([
    ['no kept rows', {}],
    ['kept rows all from the first half', { keepRows: 200 }],
    ['kept rows from both halves, with edits, excluded and restored rows', { keepRows: 5000, edits, excludedRows: [44, 4400, 4401], extraRows }],
    ['every row kept', { keepRows: 10_000, extraRows }],
  ] as const)('gives exactly the one-thread result: %s', async (_name, options) => {
    const file = csv(newDir());
    const two = await check(file, true, options as ValidateOptions);
    const one = await check(file, false, options as ValidateOptions);
    expect(two.parts).toBe(2);
    expect(one.parts).toBe(1);
    expect(two.report).toEqual(one.report);
    expect(two.report.errors).toBeGreaterThan(2);
    const keep = (options as ValidateOptions).keepRows ?? 0;
    expect(two.report.kept.length).toBe(Math.min(keep, two.report.rows));
  });

  it('reads in one piece when blank lines make the first half hold fewer rows than its row numbers say', async () => {
    const file = csv(newDir(), 2500);
    const options: ValidateOptions = { keepRows: 5000 };
    const two = await check(file, true, options);
    const one = await check(file, false, options);
    expect(two.parts).toBe(1);
    expect(two.report).toEqual(one.report);
    expect(two.report.kept.length).toBe(5000);
  });
});
