import { describe, expect, it } from 'vitest';
import { ValidationSessions, type ReportLike } from '../../electron/services/app/validation-sessions';
import type { RowIssue } from '../../shared/domain/issue';
import type { SourceInfo } from '../../shared/domain/source';
import { restoredRowNumber, type ExtraRow } from '../../shared/domain/restored-row';

const info = { headers: ['Id', 'E-mail'], fileName: 'x.csv' } as unknown as SourceInfo;
const bad = (row: number, value: string): RowIssue => ({ row, column: 'E-mail', field: 'business.Emails', value, severity: 'error', code: 'invalid-email', message: 'bad' });

/** Checker: an e-mail without @ is an error; the Id is the first cell. */
const sessions = () => new ValidationSessions({
  makeChecker: () => (row, cells) => ({ id: cells[0] || null, issues: cells[1]?.includes('@') ? [] : [bad(row, cells[1] ?? '')] }),
});

function report(): ReportLike {
  // Project A has rows 2 and 3 (row 3 bad), B row 4 (bad), C row 5.
  const kept = [
    { row: 2, cells: ['A', 'a@x.hu'], issues: [] },
    { row: 3, cells: ['A', 'nope'], issues: [bad(3, 'nope')] },
    { row: 4, cells: ['B', 'nope'], issues: [bad(4, 'nope')] },
    { row: 5, cells: ['C', 'c@x.hu'], issues: [] },
  ];
  return { info, rows: 4, projects: 3, valid: 1, rejected: 2, errors: 2, warnings: 0, issues: kept.flatMap((k) => k.issues), issuesTruncated: false, kept };
}

describe('ValidationSessions', () => {
  it('pages all rows or only problem rows', () => {
    const v = sessions();
    const s = v.create(report(), { path: '/x.csv', profile: {} as never });
    expect(s.counts.problemRows).toBe(2);
    expect(v.page(s.sessionId, true, 0, 10).rows.map((r) => r.row)).toEqual([3, 4]);
    expect(v.page(s.sessionId, false, 1, 2)).toMatchObject({ total: 4, offset: 1, rows: [{ row: 3 }, { row: 4 }] });
  });

  it('an edit that fixes a row turns its project valid only when no other row of it has errors', () => {
    const v = sessions();
    const s = v.create(report(), { path: '/x.csv', profile: {} as never });
    const r = v.editCell(s.sessionId, 3, 'E-mail', 'a2@x.hu');
    expect(r.row).toMatchObject({ issues: [], edited: ['E-mail'] });
    expect(r.counts).toMatchObject({ errors: 1, problemRows: 1, valid: 2, rejected: 1, projects: 3 });
    const worse = v.editCell(s.sessionId, 5, 'E-mail', 'broken');
    expect(worse.counts).toMatchObject({ errors: 2, valid: 1, rejected: 2 });
    expect(v.session(s.sessionId).edits).toHaveLength(2);
  });

  it('excluding rows removes their issues and, with the last row of a project, the project', () => {
    const v = sessions();
    const s = v.create(report(), { path: '/x.csv', profile: {} as never });
    expect(v.exclude(s.sessionId, [4], true)).toMatchObject({ excluded: 1, errors: 1, projects: 2, valid: 1, rejected: 1 });
    expect(v.exclude(s.sessionId, [3], true)).toMatchObject({ excluded: 2, errors: 0, projects: 2, valid: 2, rejected: 0 });
    expect(v.exclude(s.sessionId, [3, 4], false)).toMatchObject({ excluded: 0, errors: 2, projects: 3, valid: 1, rejected: 2 });
    expect(v.session(s.sessionId).excludedRows).toEqual([]);
    expect(v.problemRows(s.sessionId, true).map((r) => r.row)).toEqual([3, 4]);
  });

  it('leaves out every row with an error in one step; the rows it answers undo it exactly', () => {
    const v = sessions();
    const s = v.create(report(), { path: '/x.csv', profile: {} as never });
    v.exclude(s.sessionId, [4], true);
    const r = v.excludeErrorRows(s.sessionId);
    expect(r.rows).toEqual([3]);
    expect(r.counts).toMatchObject({ excluded: 2, errors: 0, rejected: 0, valid: 2 });
    expect(v.exclude(s.sessionId, r.rows, false)).toMatchObject({ excluded: 1, errors: 1, rejected: 1, valid: 1 });
    expect(v.session(s.sessionId).excludedRows).toEqual([4]);
  });

  it('finds the next row with a problem that is not left out, in either list, wrapping round', () => {
    const v = sessions();
    const s = v.create(report(), { path: '/x.csv', profile: {} as never });
    expect(v.nextProblem(s.sessionId, false, -1)).toBe(1);
    expect(v.nextProblem(s.sessionId, false, 1)).toBe(2);
    expect(v.nextProblem(s.sessionId, false, 2)).toBe(1);
    expect(v.nextProblem(s.sessionId, true, 0)).toBe(1);
    v.exclude(s.sessionId, [3], true);
    expect(v.nextProblem(s.sessionId, false, 2)).toBe(2);
    v.exclude(s.sessionId, [4], true);
    expect(v.nextProblem(s.sessionId, false, -1)).toBeNull();
  });

  it('refuses edits of unknown rows or columns and forgets old sessions', () => {
    const v = new ValidationSessions({ makeChecker: () => () => ({ id: null, issues: [] }) }, 1);
    const a = v.create(report(), { path: '/x.csv', profile: {} as never });
    expect(() => v.editCell(a.sessionId, 99, 'E-mail', 'x')).toThrow(/not in this check/);
    expect(() => v.editCell(a.sessionId, 2, 'Nope', 'x')).toThrow(/not in this check/);
    v.create(report(), { path: '/x.csv', profile: {} as never });
    expect(() => v.page(a.sessionId, false, 0, 1)).toThrow(/no longer open/);
  });

  describe('restored parked rows', () => {
    // Parked from an older file whose columns were the other way round, plus a column this file lacks.
    const extra = (id: number, project: string, email: string): ExtraRow => ({
      row: restoredRowNumber(id), origin: { fileName: 'old.csv', row: id + 1 }, headers: ['E-mail', 'Fax', 'Id'], cells: [email, '06-1-111', project],
    });
    const withExtras = (extras: ExtraRow[], truncated = false): ReportLike => {
      const r = report();
      const kept = [...r.kept, ...extras.map((e) => ({ row: e.row, cells: [e.cells[2]!, e.cells[0]!], issues: e.cells[0]!.includes('@') ? [] : [bad(e.row, e.cells[0]!)] }))];
      return { ...r, rows: r.rows + extras.length + (truncated ? 1 : 0), kept };
    };

    it('are grid rows labelled by origin, editable and excludable like file rows', () => {
      const v = sessions();
      const d = extra(1, 'D', 'nope');
      const s = v.create(withExtras([d]), { path: '/x.csv', profile: {} as never }, [d]);
      expect(s).toMatchObject({ restoredParked: 1, unplacedColumns: ['Fax'] });
      const last = v.page(s.sessionId, false, 4, 1).rows[0]!;
      expect(last).toMatchObject({ row: d.row, parked: true, origin: { fileName: 'old.csv', row: 2 }, cells: ['D', 'nope'] });
      const fixed = v.editCell(s.sessionId, d.row, 'E-mail', 'd@x.hu');
      expect(fixed.row).toMatchObject({ issues: [], edited: ['E-mail'] });
      expect(v.exclude(s.sessionId, [d.row], true)).toMatchObject({ excluded: 1 });
      expect(v.extraRows(s.sessionId)).toEqual([d]);
    });

    it('parking writes file rows with errors anew and restored rows in place, keeping values this file has no column for', () => {
      const v = sessions();
      const d = extra(1, 'D', 'nope');
      const s = v.create(withExtras([d]), { path: '/x.csv', profile: {} as never }, [d]);
      const plan = v.parkPlan(s.sessionId, 'key-of-x');
      expect(plan.insert.map((r) => [r.row, r.sourceName, r.sourceKey, r.cells])).toEqual([[3, 'x.csv', 'key-of-x', ['A', 'nope']], [4, 'x.csv', 'key-of-x', ['B', 'nope']]]);
      expect(plan.update).toEqual([{ id: 1, headers: ['Id', 'E-mail', 'Fax'], cells: ['D', 'nope', '06-1-111'], issues: [expect.objectContaining({ row: d.row })] }]);
      v.markParked(s.sessionId, [{ row: 3, parkedId: 7 }, { row: 4, parkedId: 8 }]);
      expect(v.parkPlan(s.sessionId, 'key-of-x')).toMatchObject({ insert: [], update: [{ id: 7 }, { id: 8 }, { id: 1 }] });
    });

    it('a sync delivers the parked rows that are valid in a valid project, only for the exact session state', () => {
      const v = sessions();
      const [d, a, e] = [extra(1, 'D', 'd@x.hu'), extra(2, 'A', 'a3@x.hu'), extra(3, 'E', 'nope')];
      const s = v.create(withExtras([d, a, e]), { path: '/x.csv', profile: {} as never }, [d, a, e]);
      // a joins project A, rejected by file row 3; e has an error of its own.
      expect(v.deliverableParked(s.sessionId, {})).toEqual([1]);
      v.editCell(s.sessionId, 3, 'E-mail', 'ok@x.hu');
      expect(v.deliverableParked(s.sessionId, {})).toEqual([]);
      const state = v.session(s.sessionId);
      expect(v.deliverableParked(s.sessionId, state)).toEqual([1, 2]);
      v.exclude(s.sessionId, [d.row], true);
      expect(v.deliverableParked(s.sessionId, v.session(s.sessionId))).toEqual([2]);
      v.forgetParked(s.sessionId, [2]);
      expect(v.deliverableParked(s.sessionId, v.session(s.sessionId))).toEqual([]);
    });

    it('a forgotten restored row leaves the session: rows, counts, edits, exclusions and the jobs\' extra rows', () => {
      const v = sessions();
      // d (project D, bad), a (joins project A, bad) and e (valid, project E; excluded below).
      const [d, a, e] = [extra(1, 'D', 'nope'), extra(2, 'A', 'bad'), extra(3, 'E', 'e@x.hu')];
      // The job's counts with them: projects A-E, of which C and E valid.
      const s = v.create({ ...withExtras([d, a, e]), errors: 4, projects: 5, valid: 2, rejected: 3 }, { path: '/x.csv', profile: {} as never }, [d, a, e]);
      expect(s.counts).toMatchObject({ rows: 7, problemRows: 4 });
      v.editCell(s.sessionId, d.row, 'E-mail', 'still-bad');
      v.exclude(s.sessionId, [e.row], true);
      const before = v.exclude(s.sessionId, [], true);
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
      expect(v.page(s.sessionId, false, 0, 10).rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
      expect(v.extraRows(s.sessionId)).toEqual([]);
    });

    it('refuses to forget a row of the file itself, or a row it does not have', () => {
      const v = sessions();
      const d = extra(1, 'D', 'nope');
      const s = v.create(withExtras([d]), { path: '/x.csv', profile: {} as never }, [d]);
      v.markParked(s.sessionId, [{ row: 3, parkedId: 7 }]);
      expect(() => v.discardRestored(s.sessionId, 3)).toThrow(expect.objectContaining({ code: 'row-not-kept', params: { row: 3 } }));
      expect(() => v.discardRestored(s.sessionId, restoredRowNumber(99))).toThrow(expect.objectContaining({ code: 'row-not-kept' }));
      expect(v.session(s.sessionId).counts.rows).toBe(5);
      expect(v.discardRestored(s.sessionId, d.row).parkedId).toBe(1);
      expect(() => v.discardRestored(s.sessionId, d.row)).toThrow(expect.objectContaining({ code: 'row-not-kept' }));
    });

    it('claims nothing for a file larger than the rows kept (a row beyond them could reject the project)', () => {
      const v = sessions();
      const d = extra(1, 'D', 'd@x.hu');
      const s = v.create(withExtras([d], true), { path: '/x.csv', profile: {} as never }, [d]);
      expect(v.deliverableParked(s.sessionId, {})).toEqual([]);
    });
  });
});
