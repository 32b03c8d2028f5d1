import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { silentJobContext } from '../../shared/domain/job';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { buildFeed, type BuildReport } from '../../electron/services/engine/build';
import { previewChanges } from '../../electron/services/engine/diff';
import { runSplitPipeline } from '../../electron/services/engine/split-pipeline';
import { openDatabase } from '../../electron/services/db/database';
import { SPLIT_PROFILE, tempDirs } from './helpers';

const newDir = tempDirs();

const PROFILE = SPLIT_PROFILE;

const HEAD = 'Kód;Cég;Keresztnév;Vezetéknév;E-mail;Megjegyzés';

/**
 * 6,000 rows, two per Project (contacts), sorted by Id, so the middle of the file usually falls
 * inside a Project; bad e-mails in both halves (row numbers must match the one-thread read).
 */
function lines(n = 6000, at: (i: number) => string | null = () => null): string[] {
  const out = ['Ügyfél export 2026. november', '', HEAD];
  for (let i = 0; i < n; i++) {
    const id = `K${String(Math.floor(i / 2)).padStart(5, '0')}`;
    const email = i === 40 || i === 5000 ? 'nem-email' : `iroda${i >> 1}@ceg.hu`;
    out.push(at(i) ?? `${id};"Cég ${i >> 1}; Kft.";Anna${i};Kovács;${email};megjegyzés ő ${i}`);
  }
  return out;
}

function write(dir: string, name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const utf8 = (rows: string[]): Buffer => Buffer.from('\ufeff' + rows.join('\r\n') + '\r\n', 'utf8');

interface Outcome { report: BuildReport; projects: string[]; parts: number; stagedRerun: number }

/** Builds the file on the given path (split = two reading threads) and summarises what it produced. */
async function build(dir: string, csv: string, split: boolean, profile = PROFILE): Promise<Outcome> {
  process.env.MINICRM_PARALLEL_MIN_BYTES = '0';
  if (!split) process.env.MINICRM_NO_SPLIT = '1';
  const app = openDatabase(path.join(dir, `h-${split}-${path.basename(csv)}.sqlite`));
  try {
    const report = await buildFeed(app, csv, profile, { mode: 'full', out: path.join(dir, `f-${split}-${path.basename(csv)}.xml`) }, silentJobContext());
    const xml = fs.readFileSync(report.feedPath!, 'utf8');
    const projects = xml.split('<Project Id=').slice(1).map((p) => p.replace('</Projects>\n', '')).sort();
    const { stats } = await previewChanges(app, csv, profile, {}, silentJobContext());
    app.delivered.markDelivered(report.runId);
    // What was staged is what a later run compares with: nothing may look changed.
    const again = await previewChanges(app, csv, profile, {}, silentJobContext());
    return { report, projects, parts: stats.parts, stagedRerun: again.preview.counts.unchanged };
  } finally {
    app.close();
    delete process.env.MINICRM_NO_SPLIT;
  }
}

afterEach(() => {
  delete process.env.MINICRM_PARALLEL_MIN_BYTES;
  delete process.env.MINICRM_NO_SPLIT;
});

async function expectSameAsOnePiece(dir: string, csv: string, parts: number, profile = PROFILE): Promise<Outcome> {
  const two = await build(dir, csv, true, profile);
  const one = await build(dir, csv, false, profile);
  expect(one.parts).toBe(1);
  expect(two.parts).toBe(parts);
  const { runId: _a, feedPath: _b, feedSha256: _c, ...twoReport } = two.report;
  const { runId: _d, feedPath: _e, feedSha256: _f, ...oneReport } = one.report;
  expect(twoReport).toEqual(oneReport);
  expect(two.projects).toEqual(one.projects);
  expect(two.stagedRerun).toBe(one.report.counts.written);
  return two;
}

describe('a large CSV read in two halves at once', () => {
  it('gives the same projects, counts, issues and row numbers as reading it in one piece', async () => {
    const dir = newDir();
    const two = await expectSameAsOnePiece(dir, write(dir, 'a.csv', utf8(lines())), 2);
    expect(two.report.counts).toMatchObject({ rows: 6000, projects: 3000, written: 2998, rejected: 2 });
    // Row 44 is the first half's bad e-mail (title, blank line, header above), row 5004 the second's.
    expect(two.report.issues.filter((i) => i.field === 'Business.Emails' || i.code.includes('email')).map((i) => i.row)).toEqual([44, 5004]);
    expect(two.projects.every((p) => (p.match(/<Contact>/g) ?? []).length === 2)).toBe(true);
  });

  it('writes the same feed bytes every time', async () => {
    const dir = newDir();
    const csv = write(dir, 'a.csv', utf8(lines()));
    const a = await build(dir, csv, true);
    const b = await build(dir, csv, true);
    expect(a.report.feedSha256).toBe(b.report.feedSha256);
  });

  it('reads in one piece when a quoted cell with line breaks would shift the row numbers', async () => {
    const dir = newDir();
    const rows = lines(6000, (i) => (i === 100 ? `K00050;"Cég 50\r\nmásodik sor";Anna;Kovács;a@b.hu;x` : null));
    await expectSameAsOnePiece(dir, write(dir, 'q.csv', utf8(rows)), 1);
  });

  it('reads in one piece when an Id has rows in both halves', async () => {
    const dir = newDir();
    const rows = lines(6000, (i) => (i === 5999 ? 'K00001;"Cég 1; Kft.";Utolsó;Kovács;x@y.hu;késői sor' : null));
    const two = await expectSameAsOnePiece(dir, write(dir, 'd.csv', utf8(rows)), 1);
    expect(two.projects.find((p) => p.startsWith('"K00001"'))).toContain('Utolsó');
  });

  it('reads in one piece when the second half turns out to be in another encoding', async () => {
    const dir = newDir();
    // Plain ASCII (headers too) until late in the file, then Windows-1250 accents (a legacy export).
    const ascii = (l: string): string => l.replace(/ő/g, 'o').replace(/[áéó]/g, 'e').replace(/Ü/g, 'U');
    const rows = lines(6000).map((l, i) => (i < 5003 ? ascii(l) : l));
    const profile = JSON.parse(ascii(JSON.stringify(PROFILE))) as ProfileV1;
    const two = await expectSameAsOnePiece(dir, write(dir, 'w.csv', iconv.encode(rows.join('\r\n'), 'windows-1250')), 1, profile);
    expect(two.projects.some((p) => p.includes('megjegyzés ő'))).toBe(true);
  });

  it('reads Windows-1250 files in halves too, and a `sep=` first line is still not a row', async () => {
    const dir = newDir();
    const rows = ['sep=;', ...lines()];
    const two = await expectSameAsOnePiece(dir, write(dir, 's.csv', iconv.encode(rows.join('\n') + '\n', 'windows-1250')), 2);
    expect(two.projects.some((p) => p.includes('Kovács'))).toBe(true);
  });

  it('reads in one piece when a reading thread fails while it loads (before it gets its half)', async () => {
    const dir = newDir();
    const csv = write(dir, 'l.csv', utf8(lines()));
    const broken = write(dir, 'broken-worker.mjs', 'throw new Error("a damaged bundle");\n');
    const sink = { batch: () => undefined, reset: () => undefined };
    const input = { path: csv, profile: PROFILE, options: {} };
    await expect(runSplitPipeline({ file: broken }, input, silentJobContext(), sink, {})).resolves.toBeNull();
    const quits = write(dir, 'quitting-worker.mjs', 'process.exit(3);\n');
    await expect(runSplitPipeline({ file: quits }, input, silentJobContext(), sink, {})).resolves.toBeNull();
  });
});
