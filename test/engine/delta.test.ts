import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { cli, FIXTURES, tempDirs, writeCsv } from './helpers';

const newDir = tempDirs();
const profile = path.join(FIXTURES, 'customers.profile.json');
const HEADER = ['Ügyfélkód', 'Cégnév', 'E-mail', 'Telefon', 'Irányítószám', 'Város', 'Cím'];
const base = (): string[][] => [
  HEADER,
  ['C-001', 'Kovács és Társa Kft.', 'info@kovacs.hu', '06-30/765-4321', '1011', 'Budapest', 'Fő utca 1.'],
  ['C-002', 'Nagy Bt.', 'nagy@nagy.hu', '06 1 234 5678', '0161', 'Győr', 'Ady E. u. 5.'],
  ['C-003', 'Szabó Zrt.', 'iroda@szabo.hu', '+36 20 111 2222', '6720', 'Szeged', 'Tisza L. krt. 3.'],
];

function projectIds(feed: string): string[] {
  return [...fs.readFileSync(feed, 'utf8').matchAll(/<Project Id="([^"]+)">/g)].map((m) => m[1]!);
}

describe('delta: only what changed since the last delivered sync', () => {
  it('sends exactly the changed project after a delivery, and nothing when nothing changed', async () => {
    const dir = newDir();
    const db = path.join(dir, 'history.sqlite');
    const csv = writeCsv(path.join(dir, 'ugyfelek.csv'), base());

    const first = await cli('build', csv, '--profile', profile, '--out', path.join(dir, 'f1.xml'), '--changed-only', '--db', db, '--json');
    expect(first.code).toBe(0);
    const r1 = JSON.parse(first.out) as { run: number; written: number; preview: { new: number } };
    expect(r1.written).toBe(3);
    expect(r1.preview.new).toBe(3);

    // Building alone never advances the baseline: a second build still sees three new projects.
    const again = JSON.parse((await cli('build', csv, '--profile', profile, '--out', path.join(dir, 'f1b.xml'), '--db', db, '--json')).out) as { written: number };
    expect(again.written).toBe(3);

    // A confirmed SyncFeed marks the run delivered (the publishing service calls exactly this).
    const app = openDatabase(db);
    app.delivered.markDelivered(r1.run);
    app.close();

    const unchanged = await cli('build', csv, '--profile', profile, '--out', path.join(dir, 'f2.xml'), '--changed-only', '--db', db);
    expect(unchanged.code).toBe(0);
    expect(unchanged.out).toContain('Changed: 0');
    expect(projectIds(path.join(dir, 'f2.xml'))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'f2.xml'), 'utf8')).toMatch(/<Projects\/>/);

    const rows = base();
    rows[2]![5] = 'Debrecen';
    writeCsv(csv, rows);
    const changed = await cli('build', csv, '--profile', profile, '--out', path.join(dir, 'f3.xml'), '--changed-only', '--db', db, '--json');
    const r3 = JSON.parse(changed.out) as { written: number; unchanged: number; preview: { changed: number } };
    expect(r3).toMatchObject({ written: 1, unchanged: 2, preview: { changed: 1 } });
    expect(projectIds(path.join(dir, 'f3.xml'))).toEqual(['C-002']);

    const diff = await cli('diff', csv, '--profile', profile, '--db', db);
    expect(diff.out).toContain('Changed: 1');
    expect(diff.out).toContain('Business.Addresses[0].City: "Győr" -> "Debrecen"');

    const full = JSON.parse((await cli('build', csv, '--profile', profile, '--out', path.join(dir, 'f4.xml'), '--full', '--db', db, '--json')).out) as { written: number };
    expect(full.written).toBe(3);

    const history = await cli('history', '--db', db, '--json');
    const runs = JSON.parse(history.out) as Array<{ status: string; counts: { written: number } }>;
    expect(runs.map((r) => r.counts.written)).toEqual([3, 1, 0, 3, 3]);
    expect(runs.map((r) => r.status)).toEqual(['built', 'built', 'built', 'built', 'delivered']);
  });
});
