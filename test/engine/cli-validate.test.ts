import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, tempDirs, writeCsv } from './helpers';

const newDir = tempDirs();
const profile = path.join(FIXTURES, 'customers.profile.json');
const HEADER = ['Ügyfélkód', 'Cégnév', 'E-mail', 'Telefon', 'Irányítószám', 'Város', 'Cím'];

describe('validate', () => {
  it('reports issues with the spreadsheet row, column, field and value, and exits 1 on errors', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), [
      ['Ügyféllista 2026', '', '', '', '', '', ''],
      ['', '', '', '', '', '', ''],
      HEADER,
      ['C-001', 'Kovács Kft.', 'info@kovacs.hu', '06-30/765-4321', '1011', 'Budapest', 'Fő utca 1.'],
      ['C-002', 'Nagy Bt.', 'nagy@', '06 1 234 5678', '0161', 'Győr', 'Ady u. 5.'],
      ['', 'Névtelen', 'a@b.hu', '', '', '', ''],
    ]);
    const r = await cli('validate', csv, '--profile', profile, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { rows: number; projects: number; issues: Array<Record<string, unknown>> };
    expect(json.rows).toBe(3);
    expect(json.projects).toBe(2);
    const email = json.issues.find((i) => i.column === 'E-mail');
    expect(email).toMatchObject({ row: 5, column: 'E-mail', field: 'business.Emails', value: 'nagy@', severity: 'error' });
    expect(String(email!.message)).toMatch(/Row 5/);
    expect(json.issues.find((i) => i.row === 6)).toMatchObject({ severity: 'error', column: 'Ügyfélkód' });
  });

  it('exits 0 when every row is fine', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'ok.csv'), [HEADER, ['C-1', 'A Kft.', 'a@a.hu', '', '1011', 'Budapest', 'Fő u. 1.']]);
    const r = await cli('validate', csv, '--profile', profile);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Valid: 1');
  });

  it('refuses unusable input with one clear line and exit 2, writing nothing', async () => {
    const dir = newDir();
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const badProfile = path.join(dir, 'bad.json');
    fs.writeFileSync(badProfile, JSON.stringify({ format: 'minicrm-sync-profile', version: 1, name: 'x', project: { Id: 'A', Nmae: 'B' } }));
    const csv = writeCsv(path.join(dir, 'ok.csv'), [HEADER, ['C-1', 'A Kft.', 'a@a.hu', '', '1011', 'Budapest', 'Fő u. 1.']]);
    const other = writeCsv(path.join(dir, 'other.csv'), [['Kód', 'Név'], ['1', 'x']]);
    const notSheet = path.join(dir, 'report.xlsx');
    fs.writeFileSync(notSheet, '%PDF-1.4 this is not a workbook');

    const cases: Array<[string[], RegExp]> = [
      [['validate', empty, '--profile', profile], /empty/i],
      [['validate', csv, '--profile', badProfile], /project\.Nmae/],
      [['validate', other, '--profile', profile], /Ügyfélkód/],
      [['validate', notSheet, '--profile', profile], /spreadsheet|workbook/i],
      [['validate', path.join(dir, 'missing.csv'), '--profile', profile], /not found/i],
      [['build', csv, '--profile', profile, '--out', path.join(dir, 'f.xml'), '--bogus'], /--bogus/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(fs.existsSync(path.join(dir, 'f.xml'))).toBe(false);
  });

  it('inspect proposes a profile that validate accepts', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), [HEADER, ['C-1', 'A Kft.', 'a@a.hu', '06-30/765-4321', '1011', 'Budapest', 'Fő u. 1.']]);
    const saved = path.join(dir, 'p.json');
    const r = await cli('inspect', csv, '--save-profile', saved, '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out) as { delimiter: string; rows: number; columns: Array<{ header: string; fields: string[] }> };
    expect(info.delimiter).toBe(';');
    expect(info.rows).toBe(1);
    expect(info.columns.find((c) => c.header === 'Ügyfélkód')!.fields).toEqual(['project.Id']);
    const v = await cli('validate', csv, '--profile', saved, '--json');
    expect(v.code).toBe(0);
  });
});

describe('build --strict', () => {
  it('writes nothing and exits 1 when any row has an error; without --strict the valid projects are written, still exit 1', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), [
      HEADER,
      ['C-1', 'A Kft.', 'a@a.hu', '', '1011', 'Budapest', 'Fő u. 1.'],
      ['C-2', 'B Kft.', 'rossz@', '', '1011', 'Budapest', 'Fő u. 2.'],
    ]);
    const db = path.join(dir, 'h.sqlite');
    const strict = await cli('build', csv, '--profile', profile, '--out', path.join(dir, 'strict.xml'), '--strict', '--db', db);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/Nothing written/);
    expect(fs.existsSync(path.join(dir, 'strict.xml'))).toBe(false);

    const lenient = await cli('build', csv, '--profile', profile, '--out', path.join(dir, 'ok.xml'), '--db', db, '--json');
    // README: 1 when rows have errors, the feed of the other projects written all the same.
    expect(lenient.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'ok.xml'))).toBe(true);
    const r = JSON.parse(lenient.out) as { written: number; rejected: number; status: string };
    expect(r).toMatchObject({ status: 'built', written: 1, rejected: 1 });
    const runs = JSON.parse((await cli('history', '--db', db, '--json')).out) as Array<{ status: string; error: string | null }>;
    expect(runs.map((x) => x.status)).toEqual(['built', 'failed']);
    expect(runs[1]!.error).toMatch(/strict/);
  });
});
