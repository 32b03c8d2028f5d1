import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { openSource } from '../../electron/services/reader';
import { silentJobContext } from '../../shared/domain/job';
import type { SourceRow } from '../../shared/domain/cell';
import { CSV_ROWS, HEADERS, makeReaderFixtures } from '../fixtures/reader/make-fixtures';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reader-csv-'));
  await makeReaderFixtures(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, opts = {}): Promise<{ rows: SourceRow[]; info: Awaited<ReturnType<typeof openSource>>['info'] }> {
  const h = await openSource(path, opts);
  const rows: SourceRow[] = [];
  for await (const batch of h.rows(silentJobContext(), { batchSize: 2 })) rows.push(...batch);
  return { rows, info: h.info };
}

const expected = CSV_ROWS.map((r) => r.map((c) => (c === '' ? null : c)));

describe('CSV reader', () => {
  it.each([
    ['utf8-comma.csv', 'utf-8', ','],
    ['utf8-bom-semicolon.csv', 'utf-8-bom', ';'],
    ['tab.txt', 'utf-8', '\t'],
    ['pipe.csv', 'utf-8', '|'],
    ['utf16.txt', 'utf-16le', '\t'],
  ])('reads %s with detected encoding and delimiter', async (file, encoding, delimiter) => {
    const { rows, info } = await readAll(join(dir, file));
    expect(info).toMatchObject({ format: 'csv', encoding, delimiter, headerRow: 1, headers: HEADERS, dataRows: 3 });
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(rows.map((r) => r.cells)).toEqual(expected);
  });

  it('reads a Windows-1250 export with a title row, a blank line, `;` and decimal commas', async () => {
    const { rows, info } = await readAll(join(dir, 'win1250.csv'));
    expect(info).toMatchObject({ encoding: 'windows-1250', delimiter: ';', headerRow: 3, headers: HEADERS });
    expect(rows.map((r) => r.row)).toEqual([4, 5, 6]);
    expect(rows[1]?.cells[1]).toBe('Árvíztűrő Tükörfúrógép Bt.');
    expect(rows[0]?.cells[4]).toBe('3 450,75');
    expect(info.columns[2]?.samples).toEqual(['0161', '1051', '9941']);
  });

  it('tells Windows-1252 from Windows-1250', async () => {
    const { rows, info } = await readAll(join(dir, 'win1252.csv'));
    expect(info.encoding).toBe('windows-1252');
    expect(rows[1]?.cells).toEqual(['Zoë Brontë', 'Besançon', 'crème brûlée']);
  });

  it('honours forced encoding and delimiter', async () => {
    const { info, rows } = await readAll(join(dir, 'win1250.csv'), { encoding: 'windows-1252', delimiter: ';', headerRow: 3 });
    expect(info.encoding).toBe('windows-1252');
    expect(rows[2]?.cells[1]).toBe('Õrség Zrt.'); // what the wrong code page shows, proving the override applied
  });

  it('counts a multi-line quoted cell as one row and keeps numbering across blank lines', async () => {
    const file = join(dir, 'multiline.csv');
    await writeFile(file, 'Kód,Név,Cím\n1,"Kiss\nAnna","Fő u. 1.\r\n2. em."\n\n2,"Nagy ""Öcsi"" Béla",Pécs\n3,Tóth\n');
    const { rows } = await readAll(file);
    expect(rows).toEqual([
      { row: 2, cells: ['1', 'Kiss\nAnna', 'Fő u. 1.\r\n2. em.'] },
      { row: 4, cells: ['2', 'Nagy "Öcsi" Béla', 'Pécs'] },
      { row: 5, cells: ['3', 'Tóth', null] },
    ]);
  });

  it('is not fooled by decimal commas in every row', async () => {
    const file = join(dir, 'decimal.csv');
    await writeFile(file, iconv.encode('Azonosító;Összeg;Ár\r\n1;3 450,75;1,5\r\n2;12,5;0,25\r\n3;1,0;2,75\r\n', 'win1250'));
    const { info, rows } = await readAll(file);
    expect(info.delimiter).toBe(';');
    expect(rows[0]?.cells).toEqual(['1', '3 450,75', '1,5']);
  });

  it('reads mixed CRLF/LF endings and cells beyond the header without crashing', async () => {
    const file = join(dir, 'mixed.csv');
    await writeFile(file, 'a;b\r\n1;2\n3;4;extra\r\n5\r\n');
    const { rows } = await readAll(file);
    expect(rows.map((r) => r.cells)).toEqual([['1', '2'], ['3', '4'], ['5', null]]);
  });

  it('switches to Windows-1250 when accents first appear after the detection sample', async () => {
    const file = join(dir, 'late-accents.csv');
    const ascii = Array.from({ length: 20_000 }, (_, i) => `${i};Kiss Anna;Budapest`).join('\r\n');
    await writeFile(file, Buffer.concat([Buffer.from(`Kod;Nev;Varos\r\n${ascii}\r\n`), iconv.encode('99999;Őrség Kft.;Győr\r\n', 'win1250')]));
    const { rows, info } = await readAll(file);
    // Decided once for the whole file, and said as it is (a profile saved from it keeps the right one).
    expect(info.encoding).toBe('windows-1250');
    expect(rows.at(-1)?.cells).toEqual(['99999', 'Őrség Kft.', 'Győr']);
    expect(rows).toHaveLength(20_001);
  });

  it('keeps reading UTF-8 past a single damaged byte', async () => {
    const file = join(dir, 'damaged-utf8.csv');
    const good = Array.from({ length: 40 }, (_, i) => `${i};Őrség Kft. – Győr`).join('\n');
    await writeFile(file, Buffer.concat([Buffer.from(`Kód;Név\n${good}\n40;`), Buffer.from([0xff]), Buffer.from('Győr\n41;Pécs\n')]));
    const { rows, info } = await readAll(file);
    expect(info.encoding).toBe('utf-8');
    expect(rows.slice(-3).map((r) => r.cells[1])).toEqual(['Őrség Kft. – Győr', '\uFFFDGyőr', 'Pécs']);
  });

  it("follows Excel's sep= line and unwraps =\"0161\" text cells", async () => {
    const file = join(dir, 'sep.csv');
    await writeFile(file, 'sep=|\r\nKód|Irsz|Név\r\n1|="0161"|"=""007"""\r\n2|=A1|x\r\n');
    const { rows, info } = await readAll(file);
    expect(info).toMatchObject({ delimiter: '|', headerRow: 1, headers: ['Kód', 'Irsz', 'Név'] });
    expect(rows).toEqual([{ row: 2, cells: ['1', '0161', '007'] }, { row: 3, cells: ['2', '=A1', 'x'] }]);
  });

  it('reports an unclosed quote naming its row', async () => {
    await expect(readAll(join(dir, 'unclosed-quote.csv'))).rejects.toMatchObject({ code: 'unclosed-quote', params: { row: 2 } });
  });

  it('reads a large file in several chunks without losing or splitting rows', async () => {
    const file = join(dir, 'large.csv');
    const lines = ['Id;Név;Megjegyzés'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i};Név ${i} ő ű;"sor\n${i}; ""idézet"""`);
    await writeFile(file, lines.join('\r\n') + '\r\n');
    const h = await openSource(file);
    expect(h.info.dataRows).toBeNull();
    let n = 0;
    const progress: number[] = [];
    const ctx = { signal: new AbortController().signal, progress: (_s: string, done: number) => progress.push(done) };
    for await (const batch of h.rows(ctx)) {
      for (const r of batch) {
        n++;
        expect(r.row).toBe(n + 1);
        expect(r.cells[2]).toBe(`sor\n${n}; "idézet"`);
      }
    }
    expect(n).toBe(30_000);
    expect(progress.at(-1)).toBeGreaterThan(0);
  });

  it('stops with CancelledError when the job is cancelled', async () => {
    const ac = new AbortController();
    const h = await openSource(join(dir, 'large.csv'));
    const run = async (): Promise<void> => {
      for await (const _batch of h.rows({ signal: ac.signal, progress: () => undefined }, { batchSize: 100 })) ac.abort();
    };
    await expect(run()).rejects.toMatchObject({ name: 'CancelledError' });
  });
});
