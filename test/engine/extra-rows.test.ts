import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentJobContext } from '../../shared/domain/job';
import { issueOrigin, restoredRowNumber, type ExtraRow } from '../../shared/domain/restored-row';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { validateFile } from '../../electron/services/engine/validate';
import { buildFeed } from '../../electron/services/engine/build';
import { previewChanges } from '../../electron/services/engine/diff';
import { openDatabase } from '../../electron/services/db/database';
import { readFeedFile } from '../../electron/services/feed/index';
import { keptRows, tempDirs, writeCsv } from './helpers';

const newDir = tempDirs();

const profile: ProfileV1 = {
  format: 'minicrm-sync-profile', version: 1, name: 'Ügyfelek',
  project: { Id: 'Kód', Name: 'Cég' },
  business: { Name: 'Cég', Emails: [{ column: 'E-mail' }] },
};

// The second file has its columns in another order than the file the rows were parked from.
const file = (dir: string) => writeCsv(path.join(dir, 'masodik.csv'), [
  ['E-mail', 'Kód', 'Cég'],
  ['a@alfa.hu', 'A', 'Alfa Kft.'],
  ['b@beta.hu', 'B', 'Béta Bt.'],
]);
const parked = (id: number, cells: string[], row = 5): ExtraRow => ({
  row: restoredRowNumber(id), origin: { fileName: 'elso.csv', row }, headers: ['Kód', 'Cég', 'E-mail'], cells,
});

describe('extra rows after the file (restored parked rows)', () => {
  it('are placed by header name, checked like file rows, and their issues name their origin', async () => {
    const dir = newDir();
    const bad = parked(1, ['C', 'Gamma Zrt.', 'nem-email']);
    const report = await validateFile(file(dir), profile, { extraRows: [bad], keep: true }, silentJobContext());
    expect(report).toMatchObject({ rows: 3, projects: 3, valid: 2, rejected: 1, errors: 1 });
    const kept = await keptRows(report, profile, { extraRows: [bad] });
    expect(kept.at(-1)).toMatchObject({ row: bad.row, cells: ['nem-email', 'C', 'Gamma Zrt.'] });
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]).toMatchObject({ row: bad.row, column: 'E-mail', code: 'invalid-email' });
    expect(issueOrigin(report.issues[0]!)).toEqual({ fileName: 'elso.csv', row: 5 });
    expect(issueOrigin(kept.at(-1)!.issues[0]!)).toEqual({ fileName: 'elso.csv', row: 5 });
  });

  it('take the session edits and exclusions by their row number into the preview and the feed', async () => {
    const dir = newDir();
    const csv = file(dir);
    const fixed = parked(1, ['C', 'Gamma Zrt.', 'nem-email']);
    const dropped = parked(2, ['D', 'Delta Kft.', 'd@delta.hu'], 9);
    const options = {
      extraRows: [fixed, dropped],
      edits: [{ row: fixed.row, column: 'E-mail', value: 'info@gamma.hu' }],
      excludedRows: [dropped.row],
    };
    const app = openDatabase(path.join(dir, 'h.sqlite'));
    const diff = await previewChanges(app, csv, profile, options, silentJobContext());
    expect(diff.preview.counts).toMatchObject({ new: 3, rejected: 0 });
    const built = await buildFeed(app, csv, profile, { ...options, mode: 'full', out: path.join(dir, 'f.xml') }, silentJobContext());
    app.close();
    expect(built.counts).toMatchObject({ rows: 3, written: 3, errors: 0 });
    const projects = await readFeedFile(built.feedPath!);
    expect(projects.map((p) => p.Id)).toEqual(['A', 'B', 'C']);
    expect(projects[2]!.Business.Emails[0]!.Value).toBe('info@gamma.hu');
  });

  it('join the project of a file row with the same Id (the second pass reads them again)', async () => {
    const dir = newDir();
    const sameId = { ...parked(3, ['A', 'Alfa Kft.', 'second@alfa.hu']), headers: null, cells: ['second@alfa.hu', 'A', 'Alfa Kft.'] };
    const app = openDatabase(path.join(dir, 'h.sqlite'));
    const built = await buildFeed(app, file(dir), profile, { extraRows: [sameId], mode: 'full', out: path.join(dir, 'f.xml') }, silentJobContext());
    app.close();
    expect(built.counts).toMatchObject({ rows: 3, projects: 2, written: 2 });
    const a = (await readFeedFile(built.feedPath!)).find((p) => p.Id === 'A')!;
    expect(a.Business.Emails.map((e) => e.Value)).toEqual(['a@alfa.hu', 'second@alfa.hu']);
  });
});
