import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentJobContext } from '../../shared/domain/job';
import { CancelledError } from '../../shared/domain/errors';
import { parseProfileText } from '../../shared/profile/profile-parse';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { validateFile } from '../../electron/services/engine/validate';
import { buildFeed } from '../../electron/services/engine/build';
import { openDatabase } from '../../electron/services/db/database';
import { readFeedFile } from '../../electron/services/feed/index';
import { decodeStaged } from '../../electron/services/delta/staged-codec';
import { FIXTURES, keptRows, tempDirs, writeCsv } from './helpers';

const newDir = tempDirs();

const contactsProfile: ProfileV1 = {
  format: 'minicrm-sync-profile', version: 1, name: 'Kapcsolatok',
  project: { Id: 'Kód', Name: 'Cég' },
  business: { Name: 'Cég' },
  contacts: [{ FirstName: 'Keresztnév', LastName: 'Vezetéknév', Emails: [{ column: 'E-mail' }] }],
};
const HEAD = ['Kód', 'Cég', 'Keresztnév', 'Vezetéknév', 'E-mail'];

describe('assembling rows into projects', () => {
  it('merges rows that share an Id even when they are not adjacent (second pass), in row order', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'k.csv'), [
      HEAD,
      ['A', 'Alfa Kft.', 'Anna', 'Kiss', 'anna@alfa.hu'],
      ['B', 'Béta Bt.', 'Béla', 'Nagy', 'bela@beta.hu'],
      ['A', 'Alfa Kft.', 'Ádám', 'Tóth', 'adam@alfa.hu'],
      ['A', 'Alfa Zrt.', 'Anna', 'Kiss', 'anna@alfa.hu'],
    ]);
    const report = await validateFile(csv, contactsProfile, {}, silentJobContext());
    expect(report).toMatchObject({ rows: 4, projects: 2, valid: 2, rejected: 0 });
    const conflict = report.issues.find((i) => i.code === 'merge-conflict');
    expect(conflict).toMatchObject({ row: 5, severity: 'warning' });
    expect(conflict!.message).toMatch(/row 2/i);

    const app = openDatabase(path.join(dir, 'h.sqlite'));
    const built = await buildFeed(app, csv, contactsProfile, { mode: 'full', out: path.join(dir, 'f.xml') }, silentJobContext());
    app.close();
    expect(built.counts.written).toBe(2);
    const projects = await readFeedFile(built.feedPath!);
    expect(projects.map((p) => p.Id).sort()).toEqual(['A', 'B']);
    const a = projects.find((p) => p.Id === 'A')!;
    expect(a.Business.fields.Name).toBe('Alfa Kft.');
    expect(a.Contacts.map((c) => c.fields.FirstName)).toEqual(['Anna', 'Ádám']);
  });

  it('lists issues in row order, also those of rows apart (read at the end), and keeps those of the first rows', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'o.csv'), [
      HEAD,
      ['A', 'Alfa Kft.', 'Anna', 'Kiss', 'anna-at-alfa'],
      ['B', 'Béta Bt.', 'Béla', 'Nagy', 'bela-at-beta'],
      ['A', 'Alfa Kft.', 'Ádám', 'Tóth', 'adam-at-alfa'],
      ['C', 'Cég Kft.', 'Cili', 'Kovács', 'cili-at-ceg'],
    ]);
    const all = await validateFile(csv, contactsProfile, {}, silentJobContext());
    expect(all.issues.map((i) => i.row)).toEqual([2, 3, 4, 5]);
    const first = await validateFile(csv, contactsProfile, { maxIssues: 2 }, silentJobContext());
    expect(first.issues.map((i) => i.row)).toEqual([2, 3]);
    expect(first.issuesTruncated).toBe(true);
  });

  it('puts a project together the same from rows apart as from rows next to each other, a lone surrogate (UTF-16 file) included', async () => {
    const dir = newDir();
    const a1 = ['A', 'Alfa\uD800 Kft.', 'Anna', 'Kiss', 'anna@alfa.hu'];
    const a2 = ['A', 'Alfa\uD800 Kft.', 'Ádám', 'T\uDC00óth', 'adam@alfa.hu'];
    const b = ['B', 'Béta Bt.', 'Béla', 'Nagy', 'bela@beta.hu'];
    const utf16 = (name: string, rows: string[][]): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, Buffer.from(`\uFEFF${[HEAD, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`, 'utf16le'));
      return file;
    };
    const projectA = async (csv: string, db: string) => {
      const app = openDatabase(path.join(dir, db));
      const built = await buildFeed(app, csv, contactsProfile, { mode: 'full', out: path.join(dir, `${db}.xml`) }, silentJobContext());
      const staged = [...app.runs.stagedBatches(built.runId!)].flatMap((b) => decodeStaged(b)).find((p) => p.id === 'A');
      app.close();
      const xml = fs.readFileSync(built.feedPath!, 'utf8');
      return { xml: /<Project Id="A">[\s\S]*?<\/Project>/.exec(xml)![0], warnings: built.counts.warnings, staged };
    };
    const apart = await projectA(utf16('apart.csv', [a1, b, a2]), 'apart.sqlite');
    const together = await projectA(utf16('together.csv', [a1, a2, b]), 'together.sqlite');
    expect(apart.staged).toBeDefined();
    expect(apart).toEqual(together);
    // What XML cannot carry is dropped, as from any other project.
    expect(apart.xml).toContain('<Name>Alfa Kft.</Name>');
    expect(apart.xml).toContain('<LastName>Tóth</LastName>');
  });

  it('warns when an Id differs from an earlier row\'s only in upper/lower case (two cards in MiniCRM)', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'k.csv'), [
      HEAD,
      ['HU-1', 'Alfa Kft.', 'Anna', 'Kiss', 'anna@alfa.hu'],
      ['B', 'Béta Bt.', 'Béla', 'Nagy', 'bela@beta.hu'],
      ['hu-1', 'Alfa Kft.', 'Ádám', 'Tóth', 'adam@alfa.hu'],
      ['Hu-1', 'Alfa Kft.', 'Ádám', 'Tóth', 'adam@alfa.hu'],
    ]);
    const report = await validateFile(csv, contactsProfile, {}, silentJobContext());
    expect(report).toMatchObject({ projects: 4, valid: 4, errors: 0, warnings: 2 });
    expect(report.issues.map((i) => [i.row, i.code, i.column, i.params])).toEqual([
      [4, 'id-case-conflict', 'Kód', { value: 'hu-1', otherRow: 2 }],
      [5, 'id-case-conflict', 'Kód', { value: 'Hu-1', otherRow: 2 }],
    ]);
    expect(report.issues[0]!.message).toMatch(/row 2 only in upper\/lower case/);
  });

  it('an Id with spaces around it is the same card as the Id without them (one card, nothing to warn of)', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 's.csv'), [
      HEAD,
      ['HU-1', 'Alfa Kft.', 'Anna', 'Kiss', 'anna@alfa.hu'],
      ['  HU-1 ', 'Alfa Kft.', 'Ádám', 'Tóth', 'adam@alfa.hu'],
      ['hu-1\t', 'Alfa Kft.', 'Béla', 'Nagy', 'bela@alfa.hu'],
    ]);
    const report = await validateFile(csv, contactsProfile, {}, silentJobContext());
    expect(report).toMatchObject({ projects: 2, valid: 2, errors: 0, warnings: 1 });
    expect(report.issues.map((i) => [i.row, i.code, i.params])).toEqual([[4, 'id-case-conflict', { value: 'hu-1', otherRow: 2 }]]);
  });

  it('applies inline edits and excluded rows before checking', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'k.csv'), [
      HEAD,
      ['A', 'Alfa Kft.', 'Anna', 'Kiss', 'anna@'],
      ['B', 'Béta Bt.', 'Béla', 'Nagy', 'rossz cím'],
    ]);
    const before = await validateFile(csv, contactsProfile, {}, silentJobContext());
    expect(before.errors).toBe(2);
    const request = { edits: [{ row: 2, column: 'E-mail', value: 'anna@alfa.hu' }], excludedRows: [3] };
    const after = await validateFile(csv, contactsProfile, { ...request, keep: true }, silentJobContext());
    expect(after).toMatchObject({ rows: 1, excluded: 1, errors: 0, valid: 1 });
    expect((await keptRows(after, contactsProfile, request))[0]).toMatchObject({ row: 2, cells: ['A', 'Alfa Kft.', 'Anna', 'Kiss', 'anna@alfa.hu'], issues: [] });
  });

  it('a cancelled build leaves no feed and records the run as cancelled', async () => {
    const dir = newDir();
    const rows = [HEAD, ...Array.from({ length: 20_000 }, (_, i) => [`ID${i}`, `Cég ${i}`, 'Anna', 'Kiss', `a${i}@x.hu`])];
    const csv = writeCsv(path.join(dir, 'big.csv'), rows);
    const controller = new AbortController();
    const ctx = { signal: controller.signal, progress: (_s: string, done: number) => { if (done > 1000) controller.abort(); } };
    const app = openDatabase(path.join(dir, 'h.sqlite'));
    const out = path.join(dir, 'feed.xml');
    await expect(buildFeed(app, csv, contactsProfile, { mode: 'full', out }, ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('feed.xml'))).toEqual([]);
    const [run] = app.runs.list();
    expect(run!.status).toBe('cancelled');
    expect(app.runs.stagedCount(run!.id)).toBe(0);
    app.close();
  });

  it('the fixture profile of the example feed is a valid v1 profile', () => {
    const p = parseProfileText(fs.readFileSync(path.join(FIXTURES, 'example-feed.profile.json'), 'utf8'));
    expect(p.contacts).toHaveLength(1);
  });
});

