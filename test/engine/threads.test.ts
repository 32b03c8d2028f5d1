import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { silentJobContext } from '../../shared/domain/job';
import { CancelledError } from '../../shared/domain/errors';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { buildFeed } from '../../electron/services/engine/build';
import { previewChanges } from '../../electron/services/engine/diff';
import { readingWorkerEntry, ReadingPool } from '../../electron/services/engine/reading-pool';
import type { PieceIndex } from '../../electron/services/reader/csv-pieces';
import type { RangeResult } from '../../electron/services/engine/reading-work';
import { validateFile } from '../../electron/services/engine/validate';
import { openSource } from '../../electron/services/reader/index';
import { decodeStaged } from '../../electron/services/delta/staged-codec';
import { openDatabase } from '../../electron/services/db/database';
import { tempDirs, writeCsv } from './helpers';

const newDir = tempDirs();

// Two custom fields whose profile order is not name order: the feed must keep the profile's order
// on both paths although the packed form crossing threads sorts them by name.
const profile: ProfileV1 = {
  format: 'minicrm-sync-profile', version: 1, name: 'Kapcsolatok',
  project: { Id: 'Kód', Name: 'Cég' },
  business: { Name: 'Cég' },
  contacts: [{ FirstName: 'Keresztnév', LastName: 'Vezetéknév', Emails: [{ column: 'E-mail' }] }],
  custom: { Zeta: 'Megjegyzés', Alpha: 'Forrás' },
};
const HEAD = ['Kód', 'Cég', 'Keresztnév', 'Vezetéknév', 'E-mail', 'Megjegyzés', 'Forrás'];

/** 5,000 rows (several batches), one invalid e-mail, and an Id whose rows are far apart (second pass). */
function rows(change = ''): string[][] {
  const out = [HEAD];
  for (let i = 0; i < 5000; i++) {
    const email = i === 17 ? 'nem-email' : `a${i}@x.hu`;
    // A character XML cannot carry: removed from the feed, with a warning, on both paths alike.
    const note = i === 2500 ? 'csengő\u0007' : `megjegyzés ${i}`;
    out.push([`ID${i}`, `Cég ${i}${i === 4321 ? change : ''}`, 'Anna', 'Kiss', email, note, 'web']);
  }
  out.push(['ID3', 'Cég 3', 'Ádám', 'Tóth', 'adam@x.hu', '', '']);
  return out;
}

/** Two reading threads and pieces of 16 KB: a small file read the way large ones are. */
const TWO = { threads: 2, pieceBytes: 16 * 1024 };

describe('the build on reading threads (the calling thread writes)', () => {
  it('writes the same feed, counts, issues and staged projects on two threads as on the calling thread', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'k.csv'), rows());
    const results = [];
    for (const on of [true, false]) {
      const app = openDatabase(path.join(dir, `h-${on}.sqlite`));
      const threads = on ? TWO : { threads: 0, pieceBytes: 16 * 1024 };
      // A kept row from an earlier file (columns in another order) travels after the file's rows.
      const extraRows = [{ row: 1_000_000_007, origin: { fileName: 'régi.csv', row: 9 }, headers: ['E-mail', 'Kód', 'Cég'], cells: ['x@y.hu', 'OLD-1', 'Régi Kft.'] }];
      const r = await buildFeed(app, csv, profile, { ...threads, mode: 'full', out: path.join(dir, `f-${on}.xml`), extraRows }, silentJobContext());
      const staged = [...app.runs.stagedBatches(r.runId)].flatMap((b) => decodeStaged(b));
      const recorded = app.runs.get(r.runId)!.issues;
      results.push({ counts: r.counts, issues: r.issues, recorded, xml: fs.readFileSync(r.feedPath!, 'utf8'), staged });
      app.close();
    }
    expect(results[0]!.counts).toMatchObject({ rows: 5002, projects: 5001, written: 5000, rejected: 1 });
    expect(results[0]!.xml).toContain('<Project Id="OLD-1">');
    expect(results[0]!.xml).toContain('<Zeta>megjegyzés 0</Zeta>\n        <Alpha>web</Alpha>');
    expect(results[0]!.xml).toContain('<LastName>Tóth</LastName>');
    expect(results[0]!.xml).toContain('<Zeta>csengő</Zeta>');
    expect(results[0]!.recorded.filter((i) => i.severity === 'warning').length).toBeGreaterThan(0);
    expect(results[0]).toEqual(results[1]);
  });

  it('finds exactly the changed project after a delivery, and previews it, through the worker', async () => {
    const dir = newDir();
    const app = openDatabase(path.join(dir, 'h.sqlite'));
    const first = await buildFeed(app, writeCsv(path.join(dir, 'a.csv'), rows()), profile, { ...TWO, mode: 'full', out: path.join(dir, 'a.xml') }, silentJobContext());
    app.delivered.markDelivered(first.runId);
    const next = writeCsv(path.join(dir, 'b.csv'), rows(' Zrt.'));
    const { preview } = await previewChanges(app, next, profile, TWO, silentJobContext());
    expect(preview.counts).toMatchObject({ new: 0, changed: 1, unchanged: 4998, rejected: 1 });
    expect(preview.changed[0]).toMatchObject({ id: 'ID4321', changes: [{ field: 'Name', before: 'Cég 4321', after: 'Cég 4321 Zrt.' }, { field: 'Business.Name' }] });
    const second = await buildFeed(app, next, profile, { ...TWO, mode: 'changed', out: path.join(dir, 'b.xml') }, silentJobContext());
    expect(second.counts.written).toBe(1);
    expect(fs.readFileSync(second.feedPath!, 'utf8')).toContain('<Project Id="ID4321">');
    app.close();
  });

  it('reports unusable input from the worker as the same plain error and writes nothing', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'x.csv'), [['Valami', 'Más'], ['1', '2']]);
    const app = openDatabase(path.join(dir, 'h.sqlite'));
    await expect(buildFeed(app, csv, profile, { ...TWO, mode: 'full', out: path.join(dir, 'f.xml') }, silentJobContext()))
      .rejects.toMatchObject({ name: 'UnusableInputError', code: 'missing-columns' });
    expect(fs.existsSync(path.join(dir, 'f.xml'))).toBe(false);
    expect(app.runs.list()[0]!.status).toBe('failed');
    app.close();
  });

  it('stops the worker when the user cancels: no feed, nothing staged, run cancelled', async () => {
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'k.csv'), [...rows(), ...rows().slice(1).map((r) => [`B${r[0]}`, ...r.slice(1)])]);
    const controller = new AbortController();
    const ctx = { signal: controller.signal, progress: (_s: string, done: number) => { if (done > 1000) controller.abort(); } };
    const app = openDatabase(path.join(dir, 'h.sqlite'));
    const out = path.join(dir, 'feed.xml');
    await expect(buildFeed(app, csv, profile, { ...TWO, mode: 'full', out }, ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('feed.xml'))).toEqual([]);
    const [run] = app.runs.list();
    expect(run!.status).toBe('cancelled');
    expect(app.runs.stagedCount(run!.id)).toBe(0);
    app.close();
  });
});

describe('any number of reading threads (property)', () => {
  // Ids from a small pool, so that rows of one Project lie apart; cells with quotes, delimiters and
  // line breaks; blank lines; bad e-mails; both encodings.
  const text = fc.array(fc.constantFrom('a', 'ő', 'Ű', ' ', ';', '"', '\n', 'x"y', 'Kft.'), { maxLength: 8 }).map((u) => u.join(''));
  const row = fc.record({
    id: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', '', 'a'),
    name: text,
    email: fc.constantFrom('a@x.hu', 'b@y.hu', 'nem-email', ''),
    note: text,
    blank: fc.boolean(),
  });
  const file = fc.record({ rows: fc.array(row, { minLength: 1, maxLength: 40 }), legacy: fc.boolean(), pieceBytes: fc.integer({ min: 24, max: 400 }) });
  const P: ProfileV1 = {
    format: 'minicrm-sync-profile', version: 1, name: 'Tulajdonság', project: { Id: 'Kód', Name: 'Cég' },
    business: { Name: 'Cég', Emails: [{ column: 'E-mail' }] }, custom: { Note: 'Megjegyzés' },
  };
  const q = (v: string): string => (/[;"\r\n]/.test(v) || v.trim() !== v ? `"${v.replace(/"/g, '""')}"` : v);

  it('gives the same report, row numbers, feed bytes and history on 0, 1, 2 and 3 threads, and the same projects in any pieces', async () => {
    const dir = newDir();
    let n = 0;
    await fc.assert(fc.asyncProperty(file, async ({ rows: rs, legacy, pieceBytes }) => {
      const lines = ['Kód;Cég;E-mail;Megjegyzés'];
      for (const r of rs) {
        if (r.blank) lines.push('');
        lines.push([r.id, r.name, r.email, r.note].map(q).join(';'));
      }
      const csv = path.join(dir, `p${n++}.csv`);
      const body = lines.join('\r\n') + '\r\n';
      fs.writeFileSync(csv, legacy ? iconv.encode(body, 'win1250') : Buffer.from(body, 'utf8'));
      const results = [];
      for (const threads of [0, 1, 2, 3, -1]) {
        // -1: the same on one thread, with the file in one piece.
        // Ids whose rows lie apart are finished two at a time, on whichever thread takes the part.
        const opts = threads < 0 ? { threads: 0 } : { threads, pieceBytes, pileRows: 2 };
        const report = await validateFile(csv, P, opts, silentJobContext());
        const app = openDatabase(path.join(dir, `h${n}-${threads}.sqlite`));
        const built = await buildFeed(app, csv, P, { ...opts, mode: 'full', out: path.join(dir, `f${n}-${threads}.xml`) }, silentJobContext());
        const staged = [...app.runs.stagedBatches(built.runId)].flatMap((b) => decodeStaged(b));
        const recorded = app.runs.get(built.runId)!.issues;
        app.close();
        const xml = fs.readFileSync(built.feedPath!, 'utf8');
        const byRow = (a: { row: number; code: string; field: string }, b: { row: number; code: string; field: string }) =>
          a.row - b.row || a.code.localeCompare(b.code) || a.field.localeCompare(b.field);
        results.push({
          report: { ...report, check: null, info: { ...report.info, path: '' } }, counts: built.counts, xml, staged, recorded,
          // What does not depend on how the file is cut into pieces: the issues and the projects.
          issues: [...report.issues].sort(byRow),
          projects: xml.replace(/<\/Projects>\s*$/, '').split('<Project ').slice(1).map((p) => p.trim()).sort(),
        });
      }
      const [zero, ...others] = results;
      const whole = others.pop();
      for (const other of others) expect(other).toEqual(zero);
      expect(whole!.issues).toEqual(zero!.issues);
      expect(whole!.projects).toEqual(zero!.projects);
      expect(whole!.counts).toEqual(zero!.counts);
    }), { numRuns: 10 });
  }, 300_000);
});

describe('the bundled reading worker (out/main, as the app ships it)', () => {
  const root = path.resolve(import.meta.dirname, '../..');

  it('is found beside the bundled main code and reads, checks and packs a file on its own', async () => {
    const main = pathToFileURL(path.join(root, 'out/main/index.js')).href;
    const entry = readingWorkerEntry(main);
    expect(entry).toEqual({ file: path.join(root, 'out/main/reading-worker.js') });
    const dir = newDir();
    const csv = writeCsv(path.join(dir, 'k.csv'), rows().slice(0, 2101));
    const handle = await openSource(csv);
    const layout = handle.layout!;
    const source = { kind: 'csv' as const, layout, headerRow: 1, width: handle.info.headers.length };
    const pool = ReadingPool.open({
      source, profile, headers: handle.info.headers, sampleRows: handle.info.preview, schema: null, edits: [], excludedRows: [],
      mode: 'full', db: null, previewLimit: 10, markEvery: 0, problems: 'all',
    }, 1, undefined, entry);
    try {
      const ctx = silentJobContext();
      const [piece] = await collect(pool.run<PieceIndex>([{ t: 'index', start: 0, end: layout.size }], ctx.signal));
      expect(piece!.atStart.records).toBe(2101);
      const [read] = await collect(pool.run<RangeResult>([{ t: 'read', start: 0, end: layout.size, firstRecord: 0 }], ctx.signal));
      expect(read!.counts).toMatchObject({ rows: 2100, rejected: 1, valid: 2099 });
      expect(read!.output.written).toBe(2099);
      expect(decodeStaged(read!.output.staged!)).toHaveLength(2099);
    } finally {
      await pool.close();
    }
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
