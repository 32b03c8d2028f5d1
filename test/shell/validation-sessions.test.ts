import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationSessions } from '../../electron/services/app/validation-sessions';
import { validateFile } from '../../electron/services/engine/validate';
import { compileMapping } from '../../shared/mapping/compile-mapping';
import { silentJobContext } from '../../shared/domain/job';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { restoredRowNumber, type ExtraRow } from '../../shared/domain/restored-row';

const profile: ProfileV1 = { format: 'minicrm-sync-profile', version: 1, name: 'x', project: { Id: 'Id' }, business: { Emails: [{ column: 'E-mail' }] } };

/** The Check screen's checker: the same mapping the engine uses. */
const sessions = (max?: number) => new ValidationSessions({
  makeChecker: (_r, info) => {
    const compiled = compileMapping(profile, info.headers);
    return (row, cells) => {
      const r = compiled.mapRow({ row, cells });
      return { id: r.id, issues: r.issues };
    };
  },
}, max);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Project A has rows 2 and 3 (row 3 bad), B row 4 (bad), C row 5: checked as the validate job does. */
async function open(v: ValidationSessions, extras: ExtraRow[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-'));
  dirs.push(dir);
  const csv = path.join(dir, 'x.csv');
  fs.writeFileSync(csv, 'Id;E-mail\nA;a@x.hu\nA;nope\nB;nope\nC;c@x.hu\n');
  const report = await validateFile(csv, profile, { extraRows: extras, keep: true }, silentJobContext());
  return v.create(report, { path: csv, profile }, extras);
}

describe('ValidationSessions', () => {
  it('pages all rows or only problem rows', async () => {
    const v = sessions();
    const s = await open(v);
    expect(s.counts.problemRows).toBe(2);
    expect((await v.page(s.sessionId, true, 0, 10)).rows.map((r) => r.row)).toEqual([3, 4]);
    expect(await v.page(s.sessionId, false, 1, 2)).toMatchObject({ total: 4, offset: 1, rows: [{ row: 3 }, { row: 4 }] });
  });

  it('an edit that fixes a row turns its project valid only when no other row of it has errors', async () => {
    const v = sessions();
    const s = await open(v);
    const r = await v.editCell(s.sessionId, 3, 'E-mail', 'a2@x.hu');
    expect(r.row).toMatchObject({ issues: [], edited: ['E-mail'] });
    expect(r.counts).toMatchObject({ errors: 1, problemRows: 1, valid: 2, rejected: 1, projects: 3 });
    const worse = await v.editCell(s.sessionId, 5, 'E-mail', 'broken');
    expect(worse.counts).toMatchObject({ errors: 2, valid: 1, rejected: 2 });
    expect(v.session(s.sessionId).edits).toHaveLength(2);
  });

  it('excluding rows removes their issues and, with the last row of a project, the project', async () => {
    const v = sessions();
    const s = await open(v);
    expect(await v.exclude(s.sessionId, [4], true)).toMatchObject({ excluded: 1, errors: 1, projects: 2, valid: 1, rejected: 1 });
    expect(await v.exclude(s.sessionId, [3], true)).toMatchObject({ excluded: 2, errors: 0, projects: 2, valid: 2, rejected: 0 });
    expect(await v.exclude(s.sessionId, [3, 4], false)).toMatchObject({ excluded: 0, errors: 2, projects: 3, valid: 1, rejected: 2 });
    expect(v.session(s.sessionId).excludedRows).toEqual([]);
    expect((await v.problemRows(s.sessionId, true)).map((r) => r.row)).toEqual([3, 4]);
  });

  it('leaves out every row with an error in one step; the rows it answers undo it exactly', async () => {
    const v = sessions();
    const s = await open(v);
    await v.exclude(s.sessionId, [4], true);
    const r = await v.excludeErrorRows(s.sessionId);
    expect(r.rows).toEqual([3]);
    expect(r.counts).toMatchObject({ excluded: 2, errors: 0, rejected: 0, valid: 2 });
    expect(await v.exclude(s.sessionId, r.rows, false)).toMatchObject({ excluded: 1, errors: 1, rejected: 1, valid: 1 });
    expect(v.session(s.sessionId).excludedRows).toEqual([4]);
  });

  it('finds the next row with a problem that is not left out, in either list, wrapping round', async () => {
    const v = sessions();
    const s = await open(v);
    expect(await v.nextProblem(s.sessionId, false, -1)).toBe(1);
    expect(await v.nextProblem(s.sessionId, false, 1)).toBe(2);
    expect(await v.nextProblem(s.sessionId, false, 2)).toBe(1);
    expect(await v.nextProblem(s.sessionId, true, 0)).toBe(1);
    await v.exclude(s.sessionId, [3], true);
    expect(await v.nextProblem(s.sessionId, false, 2)).toBe(2);
    await v.exclude(s.sessionId, [4], true);
    expect(await v.nextProblem(s.sessionId, false, -1)).toBeNull();
  });

  it('refuses edits of unknown rows or columns and forgets old sessions', async () => {
    const v = sessions(1);
    const a = await open(v);
    await expect(v.editCell(a.sessionId, 99, 'E-mail', 'x')).rejects.toThrow(/not in this check/);
    await expect(v.editCell(a.sessionId, 2, 'Nope', 'x')).rejects.toThrow(/not in this check/);
    await open(v);
    await expect(v.page(a.sessionId, false, 0, 1)).rejects.toThrow(/no longer open/);
  });

  describe('restored parked rows', () => {
    // Parked from an older file whose columns were the other way round, plus a column this file lacks.
    const extra = (id: number, project: string, email: string): ExtraRow => ({
      row: restoredRowNumber(id), origin: { fileName: 'old.csv', row: id + 1 }, headers: ['E-mail', 'Fax', 'Id'], cells: [email, '06-1-111', project],
    });
    it('are grid rows labelled by origin, editable and excludable like file rows', async () => {
      const v = sessions();
      const d = extra(1, 'D', 'nope');
      const s = await open(v, [d]);
      expect(s).toMatchObject({ restoredParked: 1, unplacedColumns: ['Fax'] });
      const last = (await v.page(s.sessionId, false, 4, 1)).rows[0]!;
      expect(last).toMatchObject({ row: d.row, parked: true, origin: { fileName: 'old.csv', row: 2 }, cells: ['D', 'nope'] });
      const fixed = await v.editCell(s.sessionId, d.row, 'E-mail', 'd@x.hu');
      expect(fixed.row).toMatchObject({ issues: [], edited: ['E-mail'] });
      expect(await v.exclude(s.sessionId, [d.row], true)).toMatchObject({ excluded: 1 });
      expect(v.extraRows(s.sessionId)).toEqual([d]);
    });

    it('parking writes file rows with errors anew and restored rows in place, keeping values this file has no column for', async () => {
      const v = sessions();
      const d = extra(1, 'D', 'nope');
      const s = await open(v, [d]);
      const plan = await v.parkPlan(s.sessionId, 'key-of-x');
      expect(plan.insert.map((r) => [r.row, r.sourceName, r.sourceKey, r.cells])).toEqual([[3, 'x.csv', 'key-of-x', ['A', 'nope']], [4, 'x.csv', 'key-of-x', ['B', 'nope']]]);
      expect(plan.update).toEqual([{ id: 1, headers: ['Id', 'E-mail', 'Fax'], cells: ['D', 'nope', '06-1-111'], issues: [expect.objectContaining({ row: d.row })] }]);
      v.markParked(s.sessionId, [{ row: 3, parkedId: 7 }, { row: 4, parkedId: 8 }]);
      expect(await v.parkPlan(s.sessionId, 'key-of-x')).toMatchObject({ insert: [], update: [{ id: 7 }, { id: 8 }, { id: 1 }] });
    });

    it('a sync delivers the parked rows that are valid in a valid project, only for the exact session state', async () => {
      const v = sessions();
      const [d, a, e] = [extra(1, 'D', 'd@x.hu'), extra(2, 'A', 'a3@x.hu'), extra(3, 'E', 'nope')];
      const s = await open(v, [d, a, e]);
      // a joins project A, rejected by file row 3; e has an error of its own.
      expect(await v.deliverableParked(s.sessionId, {})).toEqual([1]);
      await v.editCell(s.sessionId, 3, 'E-mail', 'ok@x.hu');
      expect(await v.deliverableParked(s.sessionId, {})).toEqual([]);
      const state = v.session(s.sessionId);
      expect(await v.deliverableParked(s.sessionId, state)).toEqual([1, 2]);
      await v.exclude(s.sessionId, [d.row], true);
      expect(await v.deliverableParked(s.sessionId, v.session(s.sessionId))).toEqual([2]);
      v.forgetParked(s.sessionId, [2]);
      expect(await v.deliverableParked(s.sessionId, v.session(s.sessionId))).toEqual([]);
    });

    it('a forgotten restored row leaves the session: rows, counts, edits, exclusions and the jobs\' extra rows', async () => {
      const v = sessions();
      // d (project D, bad), a (joins project A, bad) and e (valid, project E; excluded below).
      const [d, a, e] = [extra(1, 'D', 'nope'), extra(2, 'A', 'bad'), extra(3, 'E', 'e@x.hu')];
      const s = await open(v, [d, a, e]);
      // The job's counts with them: projects A-E, of which C and E valid.
      expect(s.counts).toMatchObject({ rows: 7, problemRows: 4, errors: 4, projects: 5, valid: 2, rejected: 3 });
      await v.editCell(s.sessionId, d.row, 'E-mail', 'still-bad');
      await v.exclude(s.sessionId, [e.row], true);
      const before = await v.exclude(s.sessionId, [], true);
      expect(before).toMatchObject({ rows: 7, projects: 4, valid: 1, rejected: 3, errors: 4, excluded: 1 });

      const one = v.discardRestored(s.sessionId, d.row);
      expect(one.parkedId).toBe(1);
      // D had only this row: its project and its error go; the edit no longer travels with jobs.
      expect(one.session).toMatchObject({ restoredParked: 2, counts: { rows: 6, projects: 3, valid: 1, rejected: 2, errors: 3, problemRows: 3, excluded: 1 } });
      expect(v.session(s.sessionId).edits).toEqual([]);
      expect(v.extraRows(s.sessionId)).toEqual([a, e]);

      // a was the only bad row restored into project A, but file row 3 still rejects A.
      expect(v.discardRestored(s.sessionId, a.row).session.counts).toMatchObject({ rows: 5, projects: 3, rejected: 2, errors: 2 });
      // An excluded row leaves the excluded count (its issues were out of the counts already).
      const last = v.discardRestored(s.sessionId, e.row).session;
      expect(last).toMatchObject({ restoredParked: 0, unplacedColumns: [], counts: { rows: 4, projects: 3, valid: 1, rejected: 2, excluded: 0 } });
      expect(v.session(s.sessionId).excludedRows).toEqual([]);
      expect((await v.page(s.sessionId, false, 0, 10)).rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
      expect(v.extraRows(s.sessionId)).toEqual([]);
    });

    it('refuses to forget a row of the file itself, or a row it does not have', async () => {
      const v = sessions();
      const d = extra(1, 'D', 'nope');
      const s = await open(v, [d]);
      v.markParked(s.sessionId, [{ row: 3, parkedId: 7 }]);
      expect(() => v.discardRestored(s.sessionId, 3)).toThrow(expect.objectContaining({ code: 'row-not-kept', params: { row: 3 } }));
      expect(() => v.discardRestored(s.sessionId, restoredRowNumber(99))).toThrow(expect.objectContaining({ code: 'row-not-kept' }));
      expect(v.session(s.sessionId).counts.rows).toBe(5);
      expect(v.discardRestored(s.sessionId, d.row).parkedId).toBe(1);
      expect(() => v.discardRestored(s.sessionId, d.row)).toThrow(expect.objectContaining({ code: 'row-not-kept' }));
    });

  });
});
