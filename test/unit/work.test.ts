/** The renderer's record of the user's work: what survives a re-read, when starting over must ask. */
import { describe, expect, it } from 'vitest';
import { restoredRowNumber } from '../../shared/domain/restored-row';
import type { SourceInfo } from '../../shared/domain/source';
import type { ProfileV1 } from '../../shared/profile/profile-types';
import { withEdit, withExclusion, workAfterReread, workAtRisk, workKey } from '../../renderer/src/app/work';
import { sentCount } from '../../renderer/src/components/run-counts';
import { diffMappings } from '../../renderer/src/screens/mapping/mapping-diff';
import { recogniseLayout } from '../../electron/services/engine/inspect';

const info = (o: Partial<SourceInfo>) => ({ sheet: null, headerRow: 1, headers: ['Id', 'E-mail', 'Név'], ...o }) as SourceInfo;
const profile = (o: Partial<ProfileV1['project']> = {}, business: ProfileV1['business'] = undefined): ProfileV1 =>
  ({ format: 'minicrm-sync-profile', version: 1, name: 'p', project: { Id: 'Id', ...o }, ...(business ? { business } : {}) });

describe('work kept across changes', () => {
  it('an edit replaces the earlier one of its cell; exclusions are a sorted set', () => {
    const e = withEdit(withEdit([], { row: 4, column: 'E-mail', value: 'a' }), { row: 4, column: 'E-mail', value: 'b' });
    expect(e).toEqual([{ row: 4, column: 'E-mail', value: 'b' }]);
    expect(withExclusion(withExclusion([5, 2], [3, 2], true), [5], false)).toEqual([2, 3]);
  });

  it('reading again keeps fixes whose row and column remain, and kept rows from earlier imports', () => {
    const kept = restoredRowNumber(7);
    const work = {
      edits: [{ row: 4, column: 'E-mail', value: 'x' }, { row: 2, column: 'Név', value: 'y' }, { row: kept, column: 'E-mail', value: 'z' }],
      excludedRows: [2, 9, kept],
    };
    const r = workAfterReread(work, info({}), info({ headerRow: 2, headers: ['Id', 'E-mail', 'Name'] }));
    expect(r.kept).toEqual({ edits: [{ row: 4, column: 'E-mail', value: 'x' }, { row: kept, column: 'E-mail', value: 'z' }], excludedRows: [9, kept] });
    expect(r.lost).toEqual({ edits: 1, skipped: 1 });
    // Another sheet holds other rows: only the kept rows' work stays.
    expect(workAfterReread(work, info({ sheet: 'A' }), info({ sheet: 'B' })).lost).toEqual({ edits: 2, skipped: 2 });
  });

  it('starting over asks when fixes, left-out rows or an unsaved mapping would be lost, not after they were delivered', () => {
    const p = profile();
    const base = { edits: [], excludedRows: [], profile: p, savedProfile: p, deliveredWork: null };
    expect(workAtRisk(base)).toBeNull();
    expect(workAtRisk({ ...base, excludedRows: [3] })).toEqual({ edits: 0, skipped: 1, mappingChanged: false });
    expect(workAtRisk({ ...base, profile: profile({ Name: 'Név' }) })).toMatchObject({ mappingChanged: true });
    const done = { ...base, excludedRows: [3] };
    expect(workAtRisk({ ...done, deliveredWork: workKey(done) })).toBeNull();
  });
});

describe('counts and mappings', () => {
  it('only a delivered run sent anything', () => {
    const counts = { rows: 5, projects: 5, written: 196, unchanged: 0, rejected: 0, errors: 0, warnings: 0 };
    expect(sentCount({ status: 'failed', counts })).toBe(0);
    expect(sentCount({ status: 'uploaded', counts })).toBe(0);
    expect(sentCount({ status: 'delivered', counts })).toBe(196);
  });

  it('a mapping differs from the delivered one by fields no longer filled, filled otherwise, and new', () => {
    const delivered = profile({ Name: 'Név', CategoryId: { value: '1' } }, { Emails: [{ column: 'E-mail' }] });
    const now = profile({ Name: 'Cégnév', StatusId: 'Státusz' });
    expect(diffMappings(delivered, now)).toEqual({ removed: ['project.CategoryId', 'business.Emails'], changed: ['project.Name'], added: ['project.StatusId'] });
    expect(diffMappings(delivered, delivered)).toEqual({ removed: [], changed: [], added: [] });
  });

  it('the same layout is the delivered mapping that reads only columns the file has, using the most of them', () => {
    const headers = ['Id', 'E-mail', 'Név'];
    const narrow = { run: 3, profile: profile() };
    const wide = { run: 2, profile: profile({ Name: 'Név' }) };
    const other = { run: 1, profile: profile({ Name: 'Fax' }) };
    expect(recogniseLayout(headers, [narrow, wide, other])?.run).toBe(2);
    expect(recogniseLayout(['Kód', 'Fax'], [narrow, wide])).toBeNull();
  });
});
