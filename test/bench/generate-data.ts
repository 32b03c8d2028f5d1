import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

/**
 * Benchmark data: a Hungarian-looking customer export (20 columns) as a `;`-separated UTF-8 CSV
 * (~360 bytes a row) or as an XLSX written with exceljs's streaming writer. Deterministic: the same
 * row count always gives the same file, so runs compare like with like.
 */
export const BENCH_HEADERS = [
  'Ügyfélkód', 'Cégnév', 'Keresztnév', 'Vezetéknév', 'Beosztás', 'E-mail', 'Kapcsolattartó e-mail', 'Telefon',
  'Irányítószám', 'Város', 'Utca', 'Bevétel', 'Létszám', 'Kezdés', 'Státusz', 'Felelős', 'Kategória', 'Honlap',
  'Adószám', 'Megjegyzés', 'Régió',
];

const FIRST = ['Anna', 'Béla', 'Csaba', 'Dóra', 'Erzsébet', 'Ferenc', 'Gábor', 'Hajnalka', 'István', 'Judit', 'Katalin', 'László', 'Márta', 'Nóra', 'Ödön', 'Péter', 'Réka', 'Sándor', 'Tünde', 'Zoltán'];
const LAST = ['Kovács', 'Nagy', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas', 'Balogh', 'Papp', 'Takács', 'Juhász', 'Lakatos', 'Mészáros', 'Oláh', 'Simon', 'Rácz', 'Fekete'];
const FORM = ['Kft.', 'Bt.', 'Zrt.', 'Nyrt.', 'és Társa Kft.'];
const POSITION = ['ügyvezető', 'pénzügyi vezető', 'beszerző', 'irodavezető', 'értékesítési vezető', 'titkárnő'];
const CITY: Array<[string, string, string]> = [
  ['1051', 'Budapest', 'Közép-Magyarország'], ['0161', 'Budapest', 'Közép-Magyarország'], ['9021', 'Győr', 'Nyugat-Dunántúl'],
  ['6720', 'Szeged', 'Dél-Alföld'], ['4024', 'Debrecen', 'Észak-Alföld'], ['7621', 'Pécs', 'Dél-Dunántúl'],
  ['3525', 'Miskolc', 'Észak-Magyarország'], ['8000', 'Székesfehérvár', 'Közép-Dunántúl'], ['2000', 'Szentendre', 'Közép-Magyarország'],
];
const STREET = ['Fő utca', 'Kossuth Lajos utca', 'Petőfi Sándor út', 'Rákóczi út', 'Ady Endre utca', 'Széchenyi tér', 'Dózsa György út'];
const STATUS = ['Új', 'Folyamatban', 'Ajánlat elküldve', 'Sikeres', 'Elveszett'];
const OWNER = ['Kiss Péter', 'Nagy Anna', 'Szabó Gábor', 'Tóth Réka'];
const NOTE = [
  'Visszahívást kért jövő héten, a szerződés tervezetét e-mailben küldjük.',
  'Éves keretszerződés megújítása folyamatban; árajánlat módosítása szükséges.',
  'Új telephelyet nyitott, a számlázási cím változott, ellenőrizni kell.',
  'Rendszeres megrendelő, fizetési határidő 30 nap, kedvezmény 5%.',
];

const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** A small deterministic generator (no Math.random: reproducible files). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
const pick = <T>(r: () => number, a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;

interface BenchRow {
  id: string; company: string; first: string; last: string; position: string; email: string; contactEmail: string; phone: string;
  zip: string; city: string; street: string; revenue: number; staff: number; start: Date; status: string; owner: string;
  category: number; web: string; vat: string; note: string; region: string;
}

function makeRow(i: number, r: () => number): BenchRow {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const companyBase = `${pick(r, LAST)}${r() < 0.5 ? ' ' + pick(r, ['Építő', 'Kereskedelmi', 'Szolgáltató', 'Informatikai', 'Agrár']) : ''}`;
  const company = `${companyBase} ${pick(r, FORM)}`;
  const slug = ascii(companyBase).replace(/[^a-z0-9]+/g, '-') + '-' + (i % 997);
  const [zip, city, region] = pick(r, CITY);
  const day = new Date(Date.UTC(2015 + Math.floor(r() * 10), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
  return {
    id: `UGY-${String(i).padStart(7, '0')}`, company, first, last, position: pick(r, POSITION),
    email: `info@${slug}.hu`, contactEmail: `${ascii(first)}.${ascii(last)}@${slug}.hu`,
    phone: `06-${pick(r, ['20', '30', '70', '1'])}/${100 + Math.floor(r() * 900)}-${1000 + Math.floor(r() * 9000)}`,
    zip, city, street: `${pick(r, STREET)} ${1 + Math.floor(r() * 180)}.`, revenue: Math.round(r() * 100_000_000) / 100,
    staff: 1 + Math.floor(r() * 500), start: day, status: pick(r, STATUS), owner: pick(r, OWNER), category: 1 + Math.floor(r() * 5),
    web: `www.${slug}.hu`, vat: `HU${10_000_000 + Math.floor(r() * 89_999_999)}`, note: pick(r, NOTE), region,
  };
}

/** `3 450,75`: Hungarian thousands separator (space) and decimal comma. */
const huMoney = (n: number): string => {
  const [int, dec] = n.toFixed(2).split('.');
  return `${(int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${dec ?? '00'}`;
};
const huDate = (d: Date): string =>
  `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}.`;

function csvLine(b: BenchRow): string {
  return [b.id, b.company, b.first, b.last, b.position, b.email, b.contactEmail, b.phone, b.zip, b.city, b.street,
    huMoney(b.revenue), String(b.staff), huDate(b.start), b.status, b.owner, String(b.category), b.web, b.vat, `"${b.note.replace(/"/g, '""')}"`, b.region].join(';');
}

/**
 * The shapes real exports have, each a 20-column customer file of `rows` rows:
 * - clean: one row per project, no line break in any cell;
 * - linebreaks: every tenth note holds a quoted line break (ERP and webshop notes do);
 * - apart: about 1 % of projects have a second row (a second contact) 50,000 rows after their first;
 * - bad5: 5 % of rows have an error (an e-mail that is not one);
 * - allbad: every row has an error;
 * - orders: one row per order, as an order or invoice export has them: a quarter as many customers, each in
 *   four rows a quarter of the file apart, the customer's columns the same in each, the contact each order's own;
 * - bigcustomer: one row per project, but every twentieth row is an order of one big customer (50,000 rows of
 *   1,000,000 all over the file), the contact each order's own.
 */
export type CsvShape = 'clean' | 'linebreaks' | 'apart' | 'bad5' | 'allbad' | 'orders' | 'bigcustomer';
export const CSV_SHAPES: readonly CsvShape[] = ['clean', 'linebreaks', 'apart', 'bad5', 'allbad', 'orders', 'bigcustomer'];

const APART = 50_000;

export async function generateCsv(path: string, rows: number, opts: { seed?: number; shape?: CsvShape } = {}): Promise<void> {
  const shape = opts.shape ?? 'clean';
  const out = createWriteStream(path, { encoding: 'utf8' });
  const r = rng(opts.seed ?? 42);
  let buf = BENCH_HEADERS.join(';') + '\r\n';
  // apart: the second rows wait here until their place, 50,000 rows on.
  const later = new Map<number, BenchRow>();
  const customers = Math.max(1, Math.floor(rows / 4));
  for (let i = 1, written = 0; written < rows; i++) {
    let b = makeRow(i, r);
    if (shape === 'orders') {
      // The customer's own generator: the same columns in each of its rows.
      const c = ((i - 1) % customers) + 1;
      b = { ...makeRow(c, rng(c)), first: b.first, last: b.last, position: b.position, contactEmail: b.contactEmail };
    }
    if (shape === 'bigcustomer' && i % 20 === 7) {
      b = { ...makeRow(1, rng(1)), id: 'UGY-9999999', first: b.first, last: b.last, position: b.position, contactEmail: b.contactEmail };
    }
    if (shape === 'linebreaks' && i % 10 === 3) b.note = `${b.note}\nVisszahívás: ${1 + (i % 28)}. napon`;
    if (shape === 'allbad' || (shape === 'bad5' && i % 20 === 11)) b.email = `info.${i}-nem-email`;
    buf += csvLine(b) + '\r\n';
    written++;
    if (shape === 'apart' && i % 100 === 37) later.set(i + APART, { ...makeRow(i + 7, r), id: b.id, company: b.company });
    const second = later.get(i);
    if (second && written < rows) {
      later.delete(i);
      buf += csvLine(second) + '\r\n';
      written++;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * exceljs's streaming writer has no backpressure: its sheet buffer pushes into the zip's deflate
 * stream regardless, so a synchronous loop buffers the whole sheet in memory before much reaches
 * the disk. Yield to the event loop, and wait while buffered bytes exceed 128 MB.
 */
async function drained(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let waits = 0; process.memoryUsage().arrayBuffers > 128 * 1024 * 1024 && waits < 5000; waits++) {
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }
}

/** `sharedStrings: true` writes text the way Excel does (a shared-string table after the sheet). */
export async function generateXlsx(path: string, rows: number, opts: { seed?: number; sharedStrings?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: opts.sharedStrings ?? false, useStyles: true });
  const ws = wb.addWorksheet('Ügyfelek');
  ws.addRow(BENCH_HEADERS).commit();
  const r = rng(opts.seed ?? 42);
  for (let i = 1; i <= rows; i++) {
    const b = makeRow(i, r);
    const row = ws.addRow([b.id, b.company, b.first, b.last, b.position, b.email, b.contactEmail, b.phone, b.zip, b.city, b.street,
      b.revenue, b.staff, b.start, b.status, b.owner, b.category, b.web, b.vat, b.note, b.region]);
    row.getCell(14).numFmt = 'yyyy.mm.dd.';
    row.commit();
    if (i % 1000 === 0) await drained();
  }
  ws.commit();
  await wb.commit();
}

/** Excel's full sheet: 1 header + 1,048,575 data rows (a bench option, minutes to write and read). */
export async function generateXlsxMillion(path: string): Promise<void> {
  await generateXlsx(path, 1_048_575);
}
