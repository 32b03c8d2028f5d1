// The command line with the value-level rules: bad values left out, totals rows, exit codes, --strict,
// the problem export and control characters shown escaped.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CSV_NOTE } from '../../electron/services/app/problems-export';
import { cli, FIXTURES, tempDirs, writeCsv } from './helpers';

const newDir = tempDirs();
const HEADER = ['Ügyfélkód', 'Cégnév', 'E-mail', 'Telefon', 'Irányítószám', 'Város', 'Cím'];

/** customers.profile.json as version 2 with the default policy (bad optional values left out). */
function profileV2(dir: string, onError: Record<string, string> = {}): string {
  const p = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'customers.profile.json'), 'utf8')) as Record<string, unknown>;
  const file = path.join(dir, 'v2.profile.json');
  fs.writeFileSync(file, JSON.stringify({ ...p, version: 2, onError }));
  return file;
}

const ROWS = [
  HEADER,
  ['C-1', 'Kovács Kft.', 'info@kovacs.hu', '06-30/765-4321', '1011', 'Budapest', 'Fő u. 1.'],
  ['C-2', 'Nagy Bt.', 'rossz@', '612345678', '9021', 'Győr', 'Ady u. 5.'],
  ['Összesen: 2 ügyfél', '', '', '', '', '', ''],
];

describe('build with a bad optional value', () => {
  it('sends the project without the value, names it, leaves the totals row out, and exits 0 (no errors)', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), ROWS);
    const feed = path.join(dir, 'feed.xml');
    const r = await cli('build', csv, '--profile', profileV2(dir), '--out', feed, '--full', '--db', path.join(dir, 'h.sqlite'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { written: number; rejected: number; errors: number; issues: Array<Record<string, unknown>> };
    expect(out).toMatchObject({ written: 2, rejected: 0, errors: 0 });
    expect(out.issues.map((i) => [i.row, i.code, i.value])).toEqual([
      [3, 'value-left-out', 'rossz@'],
      [3, 'invalid-phone', '612345678'],
      [4, 'summary-row', 'Összesen: 2 ügyfél'],
    ]);
    const xml = fs.readFileSync(feed, 'utf8');
    expect(xml).toContain('<Project Id="C-2">');
    expect(xml).not.toContain('rossz@');
    expect(xml).not.toContain('Összesen');
    // Kept as typed, not misread as +36 61 234 5678.
    expect(xml).toContain('<Value>612345678</Value>');
    const history = JSON.parse((await cli('history', '--db', path.join(dir, 'h.sqlite'), '--json')).out) as Array<{ status: string }>;
    expect(history[0]?.status).toBe('built');
  });

  it('--strict still writes nothing when any value is wrong, whatever the profile leaves out', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), ROWS);
    const feed = path.join(dir, 'strict.xml');
    const r = await cli('build', csv, '--profile', profileV2(dir), '--out', feed, '--strict', '--db', path.join(dir, 'h.sqlite'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Nothing written: 1 error/);
    expect(r.out).toMatch(/ERROR +Row 3, column "E-mail": "rossz@" is not an e-mail address\./);
    expect(fs.existsSync(feed)).toBe(false);
  });

  it('a version 1 profile still rejects the project (exit 1, the other project written)', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), ROWS);
    const feed = path.join(dir, 'v1.xml');
    const r = await cli('build', csv, '--profile', path.join(FIXTURES, 'customers.profile.json'), '--out', feed, '--full', '--db', path.join(dir, 'h.sqlite'), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ written: 1, rejected: 1, errors: 1 });
    expect(fs.readFileSync(feed, 'utf8')).not.toContain('Id="C-2"');
  });
});

describe('validate', () => {
  it('counts left-out values and rows, and a totals row is not a rejected project', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), ROWS);
    const r = await cli('validate', csv, '--profile', profileV2(dir));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Rows: 3   Projects: 2   Valid: 2   Rejected: 0');
    expect(r.out).toContain('Rows left out (totals rows): 1');
    expect(r.out).toContain('Values left out (the rest of their project is sent): 1');
    expect(r.out).toContain('warning Row 3, column "E-mail": "rossz@" is not an e-mail address; it was left out, the rest of the project is sent.');
    expect(r.out).toContain('warning Row 4, column "Ügyfélkód": "Összesen: 2 ügyfél" looks like a totals row, not a customer; the row was left out.');
    expect(r.out).toContain('With a leading 0 it would be +36 1 234 5678.');
  });

  it('shows control characters from the file escaped, never raw', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'esc.csv'), [HEADER, ['C-1', 'A\u001b]0;pwned\u0007\u001b[2J Kft.', 'x\u001b[31m@', '', '1011', 'Budapest', 'Fő\u009b6n u.\r\n1.']]);
    for (const json of [false, true]) {
      const r = await cli('validate', csv, '--profile', profileV2(dir), ...(json ? ['--json'] : []));
      const all = r.out + r.err;
      expect(all).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
      expect(all).toContain('\\u001b');
      if (json) expect(() => JSON.parse(r.out)).not.toThrow();
      else {
        expect(r.out).toContain('"x\\u001b[31m@" is not an e-mail address');
        for (const line of r.out.split('\n')) expect(line).not.toMatch(/^1\."/);
      }
    }
  });

  it('--problems writes the Check screen\'s export: CSV with formulas neutralised and a note, XLSX of string cells', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'f.csv'), [
      HEADER,
      ['C-1', '=HYPERLINK("http://evil.example","x")', 'a@', '+1+1', '-2+3', "=cmd|' /C calc'!A0", '@SUM(1)'],
      ['C-2', 'Tab Kft.', '\tb@', '-5', '1011', 'Budapest', 'Fő u. 1.'],
      ['C-3', 'Jó Kft.', 'jo@jo.hu', '', '1011', 'Budapest', 'Fő u. 2.'],
    ]);
    const csvOut = path.join(dir, 'problems.csv');
    const r = await cli('validate', csv, '--profile', profileV2(dir), '--problems', csvOut);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Problems saved to .*problems\.csv/);
    const text = fs.readFileSync(csvOut, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(`"${CSV_NOTE}"`);
    expect(lines[1]).toBe(['Row', 'Severity', 'Column', 'Field', 'Value', 'Problem', ...HEADER].join(';'));
    // No cell of the export starts with a formula character (after the delimiter or a quote).
    for (const line of lines.slice(2).filter(Boolean)) {
      for (const cell of line.split(';')) expect(cell.replace(/^"/, ''), line).not.toMatch(/^[=+@\t\r-](?!\d+$)/);
    }
    expect(text).toContain(`'=HYPERLINK(""http://evil.example"",""x"")`);
    expect(text).toContain("'+1+1;'-2+3;'=cmd|' /C calc'!A0;'@SUM(1)");
    // A plain number cannot run anything and stays as it is.
    expect(text).toContain(';-5;');
    expect(text).not.toContain('C-3');

    const xlsxOut = path.join(dir, 'problems.xlsx');
    expect((await cli('validate', csv, '--profile', profileV2(dir), '--problems', xlsxOut)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxOut);
    const ws = wb.worksheets[0]!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    expect(cells.some((c) => c.formula !== undefined)).toBe(false);
    const hyper = cells.find((c) => String(c.value).startsWith('=HYPERLINK'));
    expect(hyper?.type).toBe(ExcelJS.ValueType.String);
    expect(cells.find((c) => c.value === '+1+1')?.type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(1).getCell(1).value).toBe('Row');
    expect(ws.getRow(2).getCell(1).value).toBe(2);
  });

  it('surrogates encoded as UTF-8 bytes (as some tools write them) arrive as U+FFFD with a warning, not silently', async () => {
    const dir = newDir();
    const file = path.join(dir, 'cesu.csv');
    fs.writeFileSync(file, Buffer.concat([
      Buffer.from(`${HEADER.join(';')}\r\nC-1;A`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('B Kft.;a@a.hu;;1011;Budapest;Fő u. 1.\r\n'),
    ]));
    const r = await cli('validate', file, '--profile', profileV2(dir), '--json');
    const issues = (JSON.parse(r.out) as { issues: Array<Record<string, unknown>> }).issues;
    expect(issues.map((i) => [i.row, i.column, i.code, i.severity])).toContainEqual([2, 'Cégnév', 'unreadable-characters', 'warning']);
  });

  it('a lone surrogate in a cell (a UTF-16 file) is removed with the warning other removed characters get, shown escaped', async () => {
    const dir = newDir();
    const file = path.join(dir, 'lone.csv');
    const text = `${HEADER.join(';')}\r\nC-1;A\uD800B Kft.;a@a.hu;;1011;Budapest;Fő u. 1.\r\n`;
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const json = await cli('validate', file, '--profile', profileV2(dir), '--json');
    const issues = (JSON.parse(json.out) as { issues: Array<Record<string, unknown>> }).issues;
    expect(issues.map((i) => [i.row, i.column, i.code, i.severity])).toContainEqual([2, 'Cégnév', 'forbidden-characters', 'warning']);
    const plain = await cli('validate', file, '--profile', profileV2(dir));
    expect(plain.out).toContain('"A\\ud800B Kft." contains characters an XML feed cannot carry');
  });

  it('--problems takes only .csv or .xlsx', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'u.csv'), ROWS);
    const r = await cli('validate', csv, '--profile', profileV2(dir), '--problems', path.join(dir, 'p.txt'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--problems takes a \.csv or \.xlsx file name/);
  });
});
