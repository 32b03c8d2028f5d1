import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { chooseEncoding, detectDelimiter, detectNewline } from '../../electron/services/reader/csv-detect';
import { detectHeaderRow, headerNames } from '../../electron/services/reader/header';
import { formatKind, numberCell, roundNumber } from '../../electron/services/reader/cell-values';

describe('encoding detection', () => {
  it('recognises BOMs and plain UTF-8', () => {
    expect(chooseEncoding(Buffer.from('\uFEFFa;b', 'utf8')).label).toBe('utf-8-bom');
    expect(chooseEncoding(Buffer.from('Ügyfél;Város', 'utf8')).label).toBe('utf-8');
    expect(chooseEncoding(Buffer.from([0xff, 0xfe, 0x41, 0])).label).toBe('utf-16le');
  });
  it('prefers Windows-1250 for Hungarian ő/ű and Windows-1252 for western letters', () => {
    expect(chooseEncoding(iconv.encode('Kód;Név\n1;Őrség Kft.;Tűzoltó', 'win1250')).codec).toBe('windows-1250');
    expect(chooseEncoding(iconv.encode('Name,Città\nJosé,Besançon à côté', 'win1252')).codec).toBe('windows-1252');
    // Only letters both code pages share: Hungarian is the default
    expect(chooseEncoding(iconv.encode('Név;Város\nÁron;Pécs', 'win1250')).codec).toBe('windows-1250');
  });
});

describe('delimiter detection', () => {
  it.each([
    ['a;b;c\n1;3 450,75;x\n2;1,5;y\n', ';'],
    ['a,b,c\n1,"3,5",x\n2,"1,5",y\n', ','],
    ['a\tb\tc\n1\tBudapest, Fő u. 1.\tx\n2\tPécs, Kossuth tér\ty\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['Report, 2024\n\na;b;c\n1;2;3\n4;5;6\n', ';'],
  ])('%j -> %j', (text, d) => {
    expect(detectDelimiter(text, detectNewline(text).newline)).toBe(d);
  });
});

describe('header detection', () => {
  const rows = (cells: Array<Array<string | number | null>>): Array<{ row: number; cells: Array<string | number | null> }> =>
    cells.map((c, i) => ({ row: i + 1, cells: c }));
  it('skips title, note and blank rows', () => {
    const r = detectHeaderRow(rows([['Ügyféllista'], [], ['Exportálva:', null, null, '2024.06.08.'], ['Kód', 'Név', 'Város', 'Irsz'], ['1', 'Kiss', 'Pécs', '7621']]), 'x.csv');
    expect(r.row).toBe(4);
  });
  it('does not take a data row for the header', () => {
    const r = detectHeaderRow(rows([['2024', 'Összesítő'], ['Kód', 'Név', 'Bevétel'], [1, 'Kiss', 3.5]]), 'x.csv');
    expect(r.row).toBe(2);
  });
  it('names empty and repeated headers uniquely', () => {
    const { names, repeatOf } = headerNames(['E-mail', null, 'e-mail', ' Név\n(teljes) ', 'E-mail', null, null]);
    expect(names).toEqual(['E-mail', 'Column B', 'e-mail (2)', 'Név (teljes)', 'E-mail (3)']);
    expect([...repeatOf]).toEqual([[2, 0], [4, 0]]);
  });
  it('a header that really is "E-mail (2)" is no repeat; a repeat of it is', () => {
    const { names, repeatOf } = headerNames(['E-mail', 'E-mail (2)', 'E-mail', 'E-mail (2)']);
    expect(names).toEqual(['E-mail', 'E-mail (2)', 'E-mail (3)', 'E-mail (2) (2)']);
    expect([...repeatOf]).toEqual([[2, 0], [3, 1]]);
  });
});

describe('cell values', () => {
  it('rounds to 15 significant digits', () => {
    expect(roundNumber(0.1 + 0.2)).toBe(0.3);
    expect(roundNumber(1234567.891)).toBe(1234567.891);
    expect(roundNumber(123456789012345680000)).toBe(123456789012345680000);
  });
  it('classifies number formats', () => {
    expect(formatKind('0000')).toBe('textlike');
    expect(formatKind('"HU-"00000')).toBe('textlike');
    expect(formatKind('#,##0.00')).toBe('number');
    expect(formatKind('0.00%')).toBe('percent');
    expect(formatKind('[h]:mm:ss')).toBe('duration');
    expect(formatKind('yyyy.mm.dd.')).toBe('date');
    expect(formatKind('hh:mm')).toBe('time');
    expect(formatKind('General')).toBe('general');
  });
  it('formats numbers, padded codes and serial dates', () => {
    expect(numberCell(161, '0000', false)).toBe('0161');
    expect(numberCell(45451, 'yyyy-mm-dd', false)).toEqual({ date: '2024-06-08' });
    expect(numberCell(45451.5, 'yyyy-mm-dd hh:mm', false)).toEqual({ date: '2024-06-08 12:00:00' });
    expect(numberCell(0, 'yyyy-mm-dd', true)).toEqual({ date: '1904-01-01' });
    expect(numberCell(0.1 + 0.2, '0.00', false)).toBe(0.3);
  });
});
