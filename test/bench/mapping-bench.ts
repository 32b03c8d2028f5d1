/**
 * Micro-benchmark of the mapping hot path: compileMapping once, then mapRow + merge for
 * 1,000,000 synthetic 20-column rows shaped like a Hungarian customer export.
 * Run: npx tsx test/bench/mapping-bench.ts [rows]
 */
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { mergeInto, startProject } from '../../shared/mapping/merge-projects';
import { parseProfile } from '../../shared/profile/profile-parse';
import type { SourceRow } from '../../shared/domain/cell';
import type { AssembledProject } from '../../shared/domain/project';

const headers = [
  'Ügyfélkód', 'Cégnév', 'Státusz', 'Felelős', 'Weboldal', 'Létszám', 'Árbevétel', 'Adószám', 'E-mail', 'Telefon',
  'Irányítószám', 'Város', 'Cím', 'Vezetéknév', 'Keresztnév', 'Beosztás', 'Kapcsolattartó e-mail',
  'Kapcsolattartó telefon', 'Szerződés kezdete', 'Megjegyzés',
];
const profile = parseProfile({
  format: 'minicrm-sync-profile', version: 1, name: 'bench',
  project: { Id: 'Ügyfélkód', Name: 'Cégnév', StatusId: 'Státusz', UserId: 'Felelős', CategoryId: { value: '3' } },
  business: {
    Name: 'Cégnév', Url: 'Weboldal', Employees: 'Létszám', YearlyRevenue: 'Árbevétel', EUVatNumber: 'Adószám',
    Emails: [{ column: 'E-mail', type: 'office', split: true }], Phones: [{ column: 'Telefon', type: 'office' }],
    Addresses: [{ type: 'HQ', PostalCode: 'Irányítószám', City: 'Város', Address: 'Cím' }],
  },
  contacts: [{
    LastName: 'Vezetéknév', FirstName: 'Keresztnév', Position: 'Beosztás',
    Emails: [{ column: 'Kapcsolattartó e-mail' }], Phones: [{ column: 'Kapcsolattartó telefon' }],
  }],
  custom: { ContractStart: { column: 'Szerződés kezdete', as: 'date' }, Note: 'Megjegyzés' },
});

const cities = ['Budapest', 'Győr', 'Debrecen', 'Szeged', 'Pécs', 'Miskolc', 'Kecskemét', 'Székesfehérvár'];
const statuses = ['Új', 'Folyamatban', 'Lezárt', 'Elveszett'];
const owners = ['Kiss Anna', 'Nagy Péter', 'Szabó Éva', 'Tóth Gábor'];
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function row(i: number): SourceRow {
  const landline = i % 10 === 0;
  return {
    row: i + 2,
    cells: [
      `C-${pad(i, 7)}`, `Teszt ${i} Kft.`, statuses[i % 4] ?? '', owners[i % 4] ?? '', `teszt${i}.hu`,
      String(5 + (i % 500)), `${1 + (i % 900)} ${pad(i % 1000, 3)},${pad(i % 100, 2)}`, `${pad(10000000 + i, 8)}-2-42`,
      `info@teszt${i}.hu`, landline ? `06-22/${pad(i % 1000000, 6)}` : `06-30/${pad(i % 1000, 3)}-${pad(i % 10000, 4)}`,
      String(1000 + (i % 9000)), cities[i % 8] ?? '', `Fő utca ${1 + (i % 120)}.`, 'Kovács', 'Béla', 'ügyvezető',
      `bela.kovacs${i}@teszt.hu`, `+36 20 ${pad(i % 1000, 3)} ${pad(i % 10000, 4)}`,
      `2024.${pad(1 + (i % 12), 2)}.${pad(1 + (i % 28), 2)}.`, i % 3 === 0 ? 'Fontos ügyfél' : '',
    ],
  };
}

const n = Number(process.argv[2] ?? 1_000_000);
const rows: SourceRow[] = [];
const batch = 10_000;
const t0 = performance.now();
let cpuUs = 0;
const compiled = compileMapping(profile, headers, { sampleRows: Array.from({ length: 50 }, (_, i) => row(i)) });
let mapMs = 0;
let issues = 0;
let projects = 0;
let open: AssembledProject | null = null;
for (let start = 0; start < n; start += batch) {
  rows.length = 0;
  for (let i = start; i < Math.min(n, start + batch); i++) {
    const r = row(i);
    // Template literals build rope strings; a reader hands over flat ones. Flatten outside the timing.
    for (const c of r.cells) if (typeof c === 'string') c.charCodeAt(0);
    rows.push(r);
  }
  const t = performance.now();
  const c = process.cpuUsage();
  for (const r of rows) {
    const res = compiled.mapRow(r);
    issues += res.issues.length;
    if (res.id === null) continue;
    if (open && open.project.Id === res.id) issues += mergeInto(open, res, r.row).length;
    else {
      open = startProject(res, r.row);
      projects++;
    }
  }
  mapMs += performance.now() - t;
  const used = process.cpuUsage(c);
  cpuUs += used.user + used.system;
}
const total = performance.now() - t0;
console.log(`mapped ${n} rows x ${headers.length} columns in ${(mapMs / 1000).toFixed(2)} s ` +
  `(${Math.round(n / (mapMs / 1000)).toLocaleString('en-US')} rows/s; ${projects} projects, ${issues} issues; ` +
  `row generation excluded, ${(total / 1000).toFixed(2)} s with it); CPU time ${(cpuUs / 1e6).toFixed(2)} s ` +
  `(${Math.round(n / (cpuUs / 1e6)).toLocaleString('en-US')} rows per CPU-second; GC threads included)`);
